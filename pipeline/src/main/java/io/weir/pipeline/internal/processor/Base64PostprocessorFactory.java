package io.weir.pipeline.internal.processor;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code base64} postprocessor: encodes each record in base64 (standard alphabet, padded). No options. */
@Component(service = PostprocessorFactory.class, property = PostprocessorFactory.NAME + "=base64")
public final class Base64PostprocessorFactory implements PostprocessorFactory {
    /** Stateless, so every stream shares one. */
    private static final Processor BASE64 = (data, offset, length, out) -> {
        ByteBuffer encoded = Base64.getEncoder().encode(ByteBuffer.wrap(data, offset, length));
        out.frame(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
    };

    @Override
    public Processor create(Map<String, Object> options) {
        Options.of("base64", options);
        return BASE64;
    }
}
