package io.weir.pipeline.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.codec.Codec;
import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code binary} codec: a record becomes a {@code byte[]} as it is. Encodes {@code byte[]}
 * (copied, since the caller owns the result) and strings (as UTF-8); anything else is refused.
 * No options.
 */
@Component(service = Codec.class, property = Codec.NAME + "=binary")
public final class BinaryCodec implements Codec {
    private static final Decoder DECODER = (data, offset, length) -> Arrays.copyOfRange(data, offset, offset + length);
    private static final Encoder ENCODER = value -> {
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        throw new CodecException("binary: cannot encode a value of type " + JsonEncoder.typeOf(value) + ", only bytes and strings");
    };

    @Override
    public Decoder decoder(Map<String, Object> options) {
        Options.of("binary", options);
        return DECODER;
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        Options.of("binary", options);
        return ENCODER;
    }
}
