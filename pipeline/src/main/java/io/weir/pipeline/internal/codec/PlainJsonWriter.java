package io.weir.pipeline.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.weir.pipeline.internal.bytes.ByteScan;
import io.weir.pipeline.internal.event.ArrayMap;

/**
 * Writes the plain values most events are made of as compact JSON, byte for byte as Jackson's generator
 * writes them, without the generator: strings of printable ASCII ({@code "} and {@code \} escaped), whole
 * numbers, finite doubles, booleans, null, maps with string keys and collections. At anything else (a character
 * beyond ASCII or a control character in a value, a float, {@code byte[]}, big numbers, NaN, a key that is not a
 * string, nesting beyond the encoder's limit) {@link #write} returns {@code null} and the caller lets Jackson
 * write the value, so the output and the error messages stay Jackson's. Keys are quoted once and kept. Not
 * thread-safe: one per encoder, like the encoder.
 */
final class PlainJsonWriter {
    /** Shorter strings go character by character: for them the copy costs more than it saves. */
    static final int PLAIN_COPY_MIN_LENGTH = 32;
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** "00" to "99", two bytes each. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** 10^0 to 10^18. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** The most members of one record that the trace follows (see {@link #tracedKeys}); later ones use the map. */
    static final int TRACE_KEYS = 64;
    private static final String[] NO_KEYS = {};
    private static final byte[][] NO_BYTES = {};

    private final Map<String, byte[]> keys = new HashMap<>();
    /**
     * For each place in a record (the k-th key written), the last short plain key seen there and its quoted bytes.
     * Records of one stream mostly repeat their keys, and the decoder hands out one {@code String} per key: comparing
     * a key by identity with the one last seen at its place reads two arrays in order, where the map reads a table,
     * a node and the key's hash, all cold once many flows share the cores. Grown as records need it, up to
     * {@link #TRACE_KEYS}: the sink makes one writer per stream.
     */
    private String[] tracedKeys = NO_KEYS;
    private byte[][] tracedBytes = NO_BYTES;
    /** The place of the next key in the record being written. */
    private int keyPlace;
    private byte[] out = new byte[1024];
    private int size;

    /** @return the value as JSON, or {@code null} when Jackson must write it */
    byte[] write(Object value) {
        size = 0;
        keyPlace = 0;
        if (!value(value, 0)) {
            if (out.length > 1 << 16) {
                out = new byte[1024];
            }
            return null;
        }
        return Arrays.copyOf(out, size);
    }

    private boolean value(Object value, int depth) {
        if (value == null) {
            append(NULL);
        } else if (value instanceof String text) {
            return string(text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            integer(((Number) value).longValue());
        } else if (value instanceof Double number) {
            double d = number;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return false;
            }
            ascii(Double.toString(d));
        } else if (value instanceof Boolean flag) {
            append(flag ? TRUE : FALSE);
        } else if (value instanceof Map<?, ?> map) {
            return depth < JsonEncoder.MAX_DEPTH && object(map, depth);
        } else if (value instanceof Collection<?> items) {
            return depth < JsonEncoder.MAX_DEPTH && array(items, depth);
        } else {
            return false;
        }
        return true;
    }

    private boolean object(Map<?, ?> map, int depth) {
        put((byte) '{');
        if (map instanceof ArrayMap<?, ?> members) {
            // Decoded events: read by position, no iterator or entry per member.
            for (int i = 0, n = members.size(); i < n; i++) {
                if (!member(i == 0, members.keyAt(i), members.valueAt(i), depth)) {
                    return false;
                }
            }
        } else {
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!member(first, entry.getKey(), entry.getValue(), depth)) {
                    return false;
                }
                first = false;
            }
        }
        put((byte) '}');
        return true;
    }

    private boolean member(boolean first, Object name, Object value, int depth) {
        if (!(name instanceof String key)) {
            return false;
        }
        if (!first) {
            put((byte) ',');
        }
        byte[] quoted = quotedKey(key);
        if (quoted == null) {
            return false;
        }
        append(quoted);
        put((byte) ':');
        return value(value, depth + 1);
    }

    private boolean array(Collection<?> items, int depth) {
        put((byte) '[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            if (!value(item, depth + 1)) {
                return false;
            }
        }
        put((byte) ']');
        return true;
    }

    /** A key quoted, or {@code null} when it is not plain: the one last seen at its place, or {@link #key}'s. */
    private byte[] quotedKey(String key) {
        int k = keyPlace++;
        if (k < tracedKeys.length && tracedKeys[k] == key) {
            return tracedBytes[k];
        }
        byte[] quoted = key(key);
        // Long keys are neither kept nor traced: the trace holds short keys only.
        if (quoted != null && k < TRACE_KEYS && key.length() <= JsonEncoder.MAX_KEY_LENGTH) {
            if (k == tracedKeys.length) {
                int length = Math.min(TRACE_KEYS, Math.max(16, k * 2));
                tracedKeys = Arrays.copyOf(tracedKeys, length);
                tracedBytes = Arrays.copyOf(tracedBytes, length);
            }
            tracedKeys[k] = key;
            tracedBytes[k] = quoted;
        }
        return quoted;
    }

    /** A key quoted, or {@code null} when it is not plain; kept while there are few. */
    private byte[] key(String key) {
        byte[] known = keys.get(key);
        if (known == null) {
            int mark = size;
            if (!string(key)) {
                size = mark;
                return null;
            }
            known = Arrays.copyOfRange(out, mark, size);
            size = mark;
            if (keys.size() < JsonEncoder.MAX_KEYS && key.length() <= JsonEncoder.MAX_KEY_LENGTH) {
                keys.put(key, known);
            }
        }
        return known;
    }

    private boolean string(String text) {
        int length = text.length();
        if (length >= PLAIN_COPY_MIN_LENGTH && copied(text)) {
            return true;
        }
        ensure(length * 2 + 2);
        byte[] bytes = out;
        int n = size;
        bytes[n++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                // Control characters, DEL and everything beyond ASCII: Jackson's escaping and encoding decide.
                return false;
            }
            if (c == '"' || c == '\\') {
                bytes[n++] = '\\';
            }
            bytes[n++] = (byte) c;
        }
        bytes[n++] = '"';
        size = n;
        return true;
    }

    /** Long plain strings, the bulk of most log events, go in whole (see {@link #plainBytes}). */
    private boolean copied(String text) {
        byte[] bytes = plainBytes(text);
        if (bytes == null) {
            return false;
        }
        ensure(bytes.length + 2);
        out[size++] = '"';
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
        out[size++] = '"';
        return true;
    }

    /**
     * The bytes of a text that JSON writes as they are, between quotes, found without a branch per character:
     * the JDK copies a plain string's bytes in one go and a word-wise scan proves that none needs escaping. A
     * {@code ?} must be one in the string too, as the JDK encodes a lone surrogate (not valid text) as {@code ?}.
     *
     * @return the text's bytes, or {@code null} when some character is not printable ASCII or is {@code "} or
     *         {@code \}
     */
    private static byte[] plainBytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int kind = ByteScan.plainJsonText(bytes, bytes.length, (byte) '?');
        if (kind == ByteScan.NOT_PLAIN) {
            return null;
        }
        if (kind == ByteScan.PLAIN_WITH_WATCHED) {
            for (int at = ByteScan.indexOf(bytes, 0, bytes.length, (byte) '?'); at >= 0;
                    at = ByteScan.indexOf(bytes, at + 1, bytes.length, (byte) '?')) {
                if (text.charAt(at) != '?') {
                    return null;
                }
            }
        }
        return bytes;
    }

    /** A whole number in decimal, as {@link Long#toString(long)} writes it, without making the string. */
    private void integer(long value) {
        if (value == Long.MIN_VALUE) {
            append(LONG_MIN);
            return;
        }
        ensure(20);
        byte[] bytes = out;
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int end = size + decimalDigits(value);
        // Two digits a division: a millisecond timestamp takes 7 instead of 13.
        int at = end;
        while (value >= 100) {
            long rest = value / 100;
            int pair = (int) (value - rest * 100) << 1;
            bytes[--at] = DIGIT_PAIRS[pair + 1];
            bytes[--at] = DIGIT_PAIRS[pair];
            value = rest;
        }
        if (value >= 10) {
            int pair = (int) value << 1;
            bytes[--at] = DIGIT_PAIRS[pair + 1];
            bytes[--at] = DIGIT_PAIRS[pair];
        } else {
            bytes[--at] = (byte) ('0' + value);
        }
        size = end;
    }

    /** @return how many digits a non-negative number has in decimal */
    static int decimalDigits(long value) {
        if (value < 10) {
            return 1;
        }
        // log10 from the highest bit: 1233 / 4096 is just below log10(2), so the estimate is the digit count or one
        // short of it, and one comparison with a power of ten settles it.
        int digits = (64 - Long.numberOfLeadingZeros(value)) * 1233 >>> 12;
        return digits + (value >= POWERS_OF_TEN[digits] ? 1 : 0);
    }

    private void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    private void put(byte b) {
        ensure(1);
        out[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
