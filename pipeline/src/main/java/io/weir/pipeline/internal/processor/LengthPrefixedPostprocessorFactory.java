package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code length-prefixed} postprocessor: puts each record's length before it as 4 big-endian bytes. No options. */
@Component(service = PostprocessorFactory.class, property = PostprocessorFactory.NAME + "=length-prefixed")
public final class LengthPrefixedPostprocessorFactory implements PostprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options.of("length-prefixed", options);
        return new FramingPostprocessor(FramingPostprocessor.Kind.LENGTH_PREFIX, (byte) 0);
    }
}
