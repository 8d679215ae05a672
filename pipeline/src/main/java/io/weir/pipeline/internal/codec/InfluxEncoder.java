package io.weir.pipeline.internal.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Encoder;

/**
 * Writes a map shaped like the {@link InfluxDecoder}'s output as one line of line protocol (no
 * line end). Integers are written with the {@code i} suffix, so they decode as integers again.
 * Other keys of the map are ignored. Tags and fields keep the map's order.
 */
final class InfluxEncoder implements Encoder {
    private final StringBuilder line = new StringBuilder(128);

    @Override
    public byte[] encode(Object value) throws CodecException {
        if (!(value instanceof Map)) {
            throw new CodecException("influx: cannot encode a value of type " + JsonEncoder.typeOf(value) + ", only a map with measurement, tags, fields and timestamp");
        }
        Map<?, ?> point = (Map<?, ?>) value;
        line.setLength(0);
        Object measurement = point.get("measurement");
        if (!(measurement instanceof String) || ((String) measurement).isEmpty()) {
            throw new CodecException("influx: 'measurement' must be a non-empty string, got " + describe(measurement));
        }
        appendName((String) measurement, false, "measurement");
        Object tags = point.get("tags");
        if (tags != null) {
            if (!(tags instanceof Map)) {
                throw new CodecException("influx: 'tags' must be a map, got " + describe(tags));
            }
            for (Map.Entry<?, ?> tag : ((Map<?, ?>) tags).entrySet()) {
                String key = key(tag.getKey(), "tag");
                if (!(tag.getValue() instanceof String) || ((String) tag.getValue()).isEmpty()) {
                    throw new CodecException("influx: tag '" + key + "' must be a non-empty string, got " + describe(tag.getValue()));
                }
                line.append(',');
                appendName(key, true, "tag key");
                line.append('=');
                appendName((String) tag.getValue(), true, "tag '" + key + "'");
            }
        }
        Object fields = point.get("fields");
        if (!(fields instanceof Map) || ((Map<?, ?>) fields).isEmpty()) {
            throw new CodecException("influx: 'fields' must be a map with at least one field, got " + describe(fields));
        }
        char separator = ' ';
        for (Map.Entry<?, ?> field : ((Map<?, ?>) fields).entrySet()) {
            String key = key(field.getKey(), "field");
            line.append(separator);
            separator = ',';
            appendName(key, true, "field key");
            line.append('=');
            appendFieldValue(key, field.getValue());
        }
        Object timestamp = point.get("timestamp");
        if (timestamp instanceof Long || timestamp instanceof Integer) {
            line.append(' ').append(((Number) timestamp).longValue());
        } else if (timestamp != null) {
            throw new CodecException("influx: 'timestamp' must be an integer (nanoseconds), got " + describe(timestamp));
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String key(Object key, String kind) throws CodecException {
        if (!(key instanceof String) || ((String) key).isEmpty()) {
            throw new CodecException("influx: " + kind + " names must be non-empty strings, got " + describe(key));
        }
        return (String) key;
    }

    /**
     * Escapes commas and spaces (and equals signs, except in the measurement), and a backslash
     * where the decoder would otherwise read it as an escape.
     */
    private void appendName(String name, boolean escapeEquals, String what) throws CodecException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new CodecException("influx: " + what + " contains a line end, which line protocol cannot carry");
            }
            if (c == ',' || c == ' ' || (c == '=' && escapeEquals)) {
                line.append('\\');
            } else if (c == '\\' && (i + 1 == name.length() || InfluxDecoder.isNameEscape(name.charAt(i + 1)))) {
                line.append('\\');
            }
            line.append(c);
        }
    }

    private void appendFieldValue(String key, Object value) throws CodecException {
        if (value instanceof String) {
            String text = (String) value;
            line.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    throw new CodecException("influx: field '" + key + "' contains a line end, which line protocol cannot carry");
                }
                if (c == '"' || c == '\\') {
                    line.append('\\');
                }
                line.append(c);
            }
            line.append('"');
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            line.append(((Number) value).longValue()).append('i');
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new CodecException("influx: field '" + key + "' is " + d + ", which line protocol cannot carry");
            }
            line.append(d);
        } else if (value instanceof Boolean) {
            line.append(((Boolean) value).booleanValue());
        } else if (value instanceof BigInteger && ((BigInteger) value).bitLength() < 64) {
            line.append(((BigInteger) value).longValue()).append('i');
        } else {
            throw new CodecException("influx: field '" + key + "' must be a string, number or boolean, got " + describe(value));
        }
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : "a " + value.getClass().getSimpleName();
    }
}
