package io.weir.pipeline.internal.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Encoder;

/**
 * Writes a value as compact JSON. Plain values are written by {@link PlainJsonWriter} without the generator; the
 * rest, and every value that fails, by Jackson's generator, so the bytes and the error messages are Jackson's
 * either way. One generator is reused from record to record (it is replaced
 * only after a value it could not finish). {@code byte[]} is written as a base64 string; NaN and
 * infinities, map keys that are not strings, types outside the event model and nesting deeper than
 * {@value #MAX_DEPTH} (a cycle) are refused.
 */
final class JsonEncoder implements Encoder {
    static final int MAX_DEPTH = 1000;
    /** Keys kept encoded per stream at most, and their longest. */
    static final int MAX_KEYS = 512;
    static final int MAX_KEY_LENGTH = 64;

    private final String codec;
    private final JsonFactory factory;
    /** Keys seen so far, quoted and encoded once: events of a stream mostly repeat the same few keys. */
    private final Map<String, SerializedString> keys = new HashMap<>();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    /** Writes most values without Jackson's generator; what it is unsure of, the generator writes. */
    private final PlainJsonWriter plainWriter = new PlainJsonWriter();
    private JsonGenerator generator;

    /** @param codec the codec name for messages */
    JsonEncoder(String codec, JsonFactory factory) {
        this.codec = codec;
        this.factory = factory;
    }

    @Override
    public byte[] encode(Object value) throws CodecException {
        byte[] plain = plainWriter.write(value);
        return plain != null ? plain : encodeWithJackson(value);
    }

    /** @return the value as Jackson's generator writes it, for {@link PlainJsonWriter}'s comparison tests */
    byte[] encodeWithJackson(Object value) throws CodecException {
        buffer.reset();
        try {
            if (generator == null) {
                generator = factory.createGenerator(buffer);
            }
            write(value, 0);
            generator.flush();
            return buffer.toByteArray();
        } catch (CodecException | IOException | RuntimeException e) {
            generator = null; // left inside an unfinished value
            buffer.reset();
            if (e instanceof CodecException) {
                throw (CodecException) e;
            }
            throw new CodecException(codec + ": cannot encode the value: " + e.getMessage(), e);
        }
    }

    private void write(Object value, int depth) throws IOException, CodecException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String) {
            generator.writeString((String) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new CodecException(codec + ": cannot encode " + d + ", JSON has no NaN or infinity");
            }
            if (value instanceof Float) {
                generator.writeNumber((Float) value);
            } else {
                generator.writeNumber(d);
            }
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value instanceof Map) {
            checkDepth(depth);
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new CodecException(codec + ": cannot encode a map key of type " + typeOf(entry.getKey()) + ", keys must be strings");
                }
                writeKey((String) entry.getKey());
                write(entry.getValue(), depth + 1);
            }
            generator.writeEndObject();
        } else if (value instanceof Collection) {
            checkDepth(depth);
            generator.writeStartArray();
            for (Object item : (Collection<?>) value) {
                write(item, depth + 1);
            }
            generator.writeEndArray();
        } else if (value instanceof byte[]) {
            generator.writeBinary((byte[]) value);
        } else if (value instanceof BigInteger) {
            generator.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            generator.writeNumber((BigDecimal) value);
        } else {
            throw new CodecException(codec + ": cannot encode a value of type " + typeOf(value));
        }
    }

    private void writeKey(String key) throws IOException {
        SerializedString known = keys.get(key);
        if (known == null) {
            if (keys.size() >= MAX_KEYS || key.length() > MAX_KEY_LENGTH || !isPrintableAscii(key)) {
                // Keys that vary from event to event (ids, timestamps) are not kept, nor those Jackson escapes.
                generator.writeFieldName(key);
                return;
            }
            known = new SerializedString(key);
            keys.put(key, known);
        }
        generator.writeFieldName(known);
    }

    private void checkDepth(int depth) throws CodecException {
        if (depth >= MAX_DEPTH) {
            throw new CodecException(codec + ": cannot encode values nested more than " + MAX_DEPTH + " deep (does the value contain itself?)");
        }
    }

    static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /**
     * Keys the cache may pre-encode: for printable ASCII the pre-encoded form is exactly what the generator
     * writes; beyond it they differ (the generator escapes a surrogate pair that a pre-encoded key writes raw).
     */
    private static boolean isPrintableAscii(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
