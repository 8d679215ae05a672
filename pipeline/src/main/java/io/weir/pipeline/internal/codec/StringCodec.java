package io.weir.pipeline.internal.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.codec.Codec;
import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code string} codec: a record is UTF-8 text. Invalid UTF-8 is an error unless option
 * {@code lossy} is true (then it becomes U+FFFD). Strings encode as UTF-8; any other value is
 * written as its JSON text.
 */
@Component(service = Codec.class, property = Codec.NAME + "=string")
public final class StringCodec implements Codec {

    @Override
    public Decoder decoder(Map<String, Object> options) {
        boolean lossy = Options.of("string", options, "lossy").bool("lossy", false);
        if (lossy) {
            return (data, offset, length) -> new String(data, offset, length, StandardCharsets.UTF_8);
        }
        Utf8 utf8 = new Utf8();
        return (data, offset, length) -> {
            try {
                return utf8.decode(data, offset, length);
            } catch (CharacterCodingException e) {
                throw new CodecException("string: invalid UTF-8 (" + e.getMessage() + "); set lossy=true to replace it", e);
            }
        };
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        Options.of("string", options, "lossy");
        JsonEncoder json = new JsonEncoder("string", JsonCodec.FACTORY);
        return value -> value instanceof String ? ((String) value).getBytes(StandardCharsets.UTF_8) : json.encode(value);
    }
}
