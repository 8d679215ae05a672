package io.weir.runtime.internal.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.weir.api.codec.Codec;
import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;

/** Decodes a frame to a string (refusing the text "bad"), encodes a value with toString. */
public class LineCodec implements Codec {
    @Override
    public Decoder decoder(Map<String, Object> options) {
        if (options.containsKey("broken")) {
            throw new IllegalArgumentException("codec.broken: not an option");
        }
        return (data, offset, length) -> {
            String text = new String(data, offset, length, StandardCharsets.UTF_8);
            if (text.equals("bad")) {
                throw new CodecException("not a good line: " + text);
            }
            if (text.equals("boom")) {
                throw new IllegalStateException("decoder bug");
            }
            return text;
        };
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        String prefix = String.valueOf(options.getOrDefault("prefix", ""));
        return value -> {
            if ("unencodable".equals(value)) {
                throw new CodecException("cannot encode " + value);
            }
            return (prefix + value).getBytes(StandardCharsets.UTF_8);
        };
    }
}
