package io.weir.pipeline.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.weir.pipeline.internal.bytes.ByteScan;
import io.weir.pipeline.internal.event.ArrayMap;

/**
 * Reads the plain JSON that most records are, without making a parser per record: ASCII strings (escapes
 * allowed), integers of up to 18 digits, decimals, {@code true}, {@code false}, {@code null}, objects and arrays.
 * It gives up ({@link #read} returns {@link #UNSURE}) at anything else — bytes beyond ASCII, a number it does not
 * read exactly as Jackson does, any malformed input — and the caller then lets Jackson read the record, so the
 * values and the error messages are Jackson's in every case. What it does read, it reads to the same values
 * as {@link JsonDecoder}'s Jackson path: an {@link ArrayMap} per object (the last of duplicate keys wins),
 * {@code Long}s, finite {@code Double}s. Keys are kept per decoder, so records with the same keys share them.
 * Not thread-safe: one per decoder, like the decoder.
 */
final class PlainJsonReader {
    /** What {@link #read} returns when it leaves the record to Jackson. */
    static final Object UNSURE = new Object();
    /** Jackson's default nesting limit: deeper records go to Jackson, which refuses them. */
    private static final int MAX_DEPTH = 1000;
    private static final int MAX_KEYS = 256;
    private static final int MAX_KEY_BYTES = 64;
    /** Top-level members whose keys are expected by place. */
    private static final int MAX_EXPECTED = 64;
    /** Jackson's default limits; what is longer goes to Jackson, which refuses it. */
    private static final int MAX_NUMBER_LENGTH = 1000;
    private static final int MAX_STRING_LENGTH = 20_000_000;
    private static final int MAX_NAME_LENGTH = 50_000;

    /** What {@link #afterMember} found. */
    private static final int CLOSED = 0;
    private static final int MORE = 1;
    private static final int MALFORMED = 2;

    private final KeyTable keys = new KeyTable();
    /** The top-level keys of the previous records by place, as bytes and as the strings they decode to. */
    private final byte[][] expectedBytes = new byte[MAX_EXPECTED][];
    private final String[] expected = new String[MAX_EXPECTED];
    private char[] chars = new char[64];
    private byte[] data;
    private Object[] topKeys;
    private int pos;
    private int end;

    /**
     * @param topKeys the keys a top-level object is expected to have, from {@link ArrayMap#shareKeys}
     * @return the value of the record, or {@link #UNSURE} when Jackson must read it
     */
    Object read(byte[] record, int offset, int length, Object[] topKeys) {
        this.topKeys = topKeys;
        data = record;
        pos = offset;
        end = offset + length;
        try {
            skipWhitespace();
            if (pos >= end) {
                return UNSURE;
            }
            Object value = value(0);
            if (value == UNSURE) {
                return UNSURE;
            }
            skipWhitespace();
            return pos == end ? value : UNSURE;
        } finally {
            data = null;
        }
    }

    private Object value(int depth) {
        if (pos >= end) {
            return UNSURE;
        }
        byte b = data[pos];
        switch (b) {
            case '{':
                return depth >= MAX_DEPTH ? UNSURE : object(depth + 1);
            case '[':
                return depth >= MAX_DEPTH ? UNSURE : array(depth + 1);
            case '"':
                pos++;
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return b == '-' || (b >= '0' && b <= '9') ? number() : UNSURE;
        }
    }

    private Object object(int depth) {
        pos++;
        ArrayMap<String, Object> map = depth == 1 ? ArrayMap.sharingKeys(topKeys) : new ArrayMap<>();
        skipWhitespace();
        if (pos < end && data[pos] == '}') {
            pos++;
            return map;
        }
        for (int field = depth == 1 ? 0 : -1; ; field = field < 0 ? -1 : field + 1) {
            if (pos >= end || data[pos] != '"') {
                return UNSURE;
            }
            pos++;
            String key = field >= 0 && field < MAX_EXPECTED ? topKey(field) : key();
            if (key == null) {
                return UNSURE;
            }
            skipWhitespace();
            if (pos >= end || data[pos] != ':') {
                return UNSURE;
            }
            pos++;
            skipWhitespace();
            Object value = value(depth);
            if (value == UNSURE) {
                return UNSURE;
            }
            map.putNext(key, value);
            int next = afterMember('}');
            if (next != MORE) {
                return next == CLOSED ? map : UNSURE;
            }
        }
    }

    private Object array(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < end && data[pos] == ']') {
            pos++;
            return list;
        }
        while (true) {
            Object value = value(depth);
            if (value == UNSURE) {
                return UNSURE;
            }
            list.add(value);
            int next = afterMember(']');
            if (next != MORE) {
                return next == CLOSED ? list : UNSURE;
            }
        }
    }

    /**
     * Reads what follows a member of an object or an array: its closing bracket, or a comma and the whitespace
     * before the next member.
     *
     * @return {@link #CLOSED}, {@link #MORE}, or {@link #MALFORMED} for anything else
     */
    private int afterMember(char closer) {
        skipWhitespace();
        if (pos >= end) {
            return MALFORMED;
        }
        byte b = data[pos++];
        if (b == closer) {
            return CLOSED;
        }
        if (b != ',') {
            return MALFORMED;
        }
        skipWhitespace();
        return MORE;
    }

    /**
     * The key of a top-level member; the opening quote is read. It is first compared with the key the previous
     * record had at the same place, which spares the table's hashing when records repeat their members in order.
     */
    private String topKey(int field) {
        byte[] want = expectedBytes[field];
        if (want != null) {
            int stop = pos + want.length;
            if (stop < end && data[stop] == '"' && Arrays.equals(want, 0, want.length, data, pos, stop)) {
                pos = stop + 1;
                return expected[field];
            }
        }
        int start = pos;
        String key = key();
        // As many bytes as characters: plain ASCII, no escapes (an escape takes two bytes or more for one).
        if (key != null && pos - 1 - start == key.length() && key.length() <= MAX_KEY_BYTES) {
            expectedBytes[field] = Arrays.copyOfRange(data, start, pos - 1);
            expected[field] = key;
        }
        return key;
    }

    /** A key without escapes is looked up among the keys seen; the opening quote is read. */
    private String key() {
        int start = pos;
        int i = pos;
        while (i < end) {
            byte b = data[i];
            if (b == '"') {
                int length = i - start;
                if (length > MAX_KEY_BYTES) {
                    break;
                }
                pos = i + 1;
                return keys.get(data, start, length);
            }
            if (b == '\\' || b < 0x20) {
                // Escapes (and what Jackson refuses) go the long way; b < 0 is a byte beyond ASCII.
                break;
            }
            i++;
        }
        Object key = string();
        return key instanceof String text && nameLength(text) <= MAX_NAME_LENGTH ? text : null;
    }

    /** A name's length as Jackson limits it: in UTF-8 bytes (escapes can give characters beyond ASCII). */
    private static int nameLength(String name) {
        return name.length() <= MAX_NAME_LENGTH / 3 ? name.length() : name.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The rest of a string after its opening quote, or {@link #UNSURE}. */
    private Object string() {
        int start = pos;
        int i = pos;
        while (i < end) {
            i = ByteScan.skipPlainJsonText(data, i, end);
            if (i == end) {
                break;
            }
            byte b = data[i];
            if (b == '"') {
                if (i - start > MAX_STRING_LENGTH) {
                    return UNSURE;
                }
                pos = i + 1;
                return new String(data, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\') {
                return escapedString(start, i);
            }
            if (b < 0x20) {
                // Control characters (refused) and bytes beyond ASCII (b < 0): Jackson decides.
                return UNSURE;
            }
            i++; // DEL stands for itself in a string
        }
        return UNSURE;
    }

    private Object escapedString(int start, int firstEscape) {
        int n = 0;
        for (int i = start; i < firstEscape; i++) {
            n = put(n, (char) data[i]);
        }
        int i = firstEscape;
        while (i < end) {
            byte b = data[i];
            if (b == '"') {
                if (n > MAX_STRING_LENGTH) {
                    return UNSURE;
                }
                pos = i + 1;
                return new String(chars, 0, n);
            }
            if (b < 0x20) {
                return UNSURE;
            }
            if (b != '\\') {
                n = put(n, (char) b);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return UNSURE;
            }
            byte e = data[i + 1];
            char c;
            switch (e) {
                case '"': c = '"'; break;
                case '\\': c = '\\'; break;
                case '/': c = '/'; break;
                case 'b': c = '\b'; break;
                case 'f': c = '\f'; break;
                case 'n': c = '\n'; break;
                case 'r': c = '\r'; break;
                case 't': c = '\t'; break;
                case 'u':
                    if (i + 6 > end) {
                        return UNSURE;
                    }
                    int code = 0;
                    for (int k = i + 2; k < i + 6; k++) {
                        int digit = Character.digit(data[k], 16);
                        if (digit < 0 || data[k] < 0) {
                            return UNSURE;
                        }
                        code = code << 4 | digit;
                    }
                    if (Character.isSurrogate((char) code)) {
                        // Jackson checks pairs in names, not in values: it decides either way.
                        return UNSURE;
                    }
                    n = put(n, (char) code);
                    i += 6;
                    continue;
                default:
                    return UNSURE;
            }
            n = put(n, c);
            i += 2;
        }
        return UNSURE;
    }

    private int put(int n, char c) {
        if (n == chars.length) {
            chars = Arrays.copyOf(chars, n * 2);
        }
        chars[n] = c;
        return n + 1;
    }

    private Object literal(String word, Object value) {
        int length = word.length();
        if (pos + length > end) {
            return UNSURE;
        }
        for (int k = 0; k < length; k++) {
            if (data[pos + k] != word.charAt(k)) {
                return UNSURE;
            }
        }
        pos += length;
        return endsToken() ? value : UNSURE;
    }

    /** Whether what follows a number or literal ends it for certain: nothing, whitespace or structure. */
    private boolean endsToken() {
        if (pos >= end) {
            return true;
        }
        byte b = data[pos];
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ',' || b == ']' || b == '}';
    }

    private Object number() {
        int start = pos;
        int i = pos;
        boolean negative = data[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        // The value is gathered in the same pass; past 18 digits it may overflow, but is then not used.
        long whole = 0;
        while (i < end) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            whole = whole * 10 + digit;
            i++;
        }
        int digits = i - digitsStart;
        if (digits == 0 || (digits > 1 && data[digitsStart] == '0')) {
            return UNSURE;
        }
        boolean integer = true;
        if (i < end && data[i] == '.') {
            integer = false;
            int fraction = ++i;
            while (i < end && data[i] >= '0' && data[i] <= '9') {
                i++;
            }
            if (i == fraction) {
                return UNSURE;
            }
        }
        if (i < end && (data[i] == 'e' || data[i] == 'E')) {
            integer = false;
            i++;
            if (i < end && (data[i] == '+' || data[i] == '-')) {
                i++;
            }
            int exponent = i;
            while (i < end && data[i] >= '0' && data[i] <= '9') {
                i++;
            }
            if (i == exponent) {
                return UNSURE;
            }
        }
        pos = i;
        if (!endsToken() || i - start > MAX_NUMBER_LENGTH) {
            return UNSURE;
        }
        if (integer) {
            if (digits > 18) {
                // Near or beyond a long's range: Jackson decides between Long and Double.
                return UNSURE;
            }
            return negative ? -whole : whole;
        }
        double value = Double.parseDouble(new String(data, start, i - start, StandardCharsets.ISO_8859_1));
        return Double.isInfinite(value) ? UNSURE : (Object) value;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = data[pos];
            // Most bytes here are not whitespace, and only what is not above a space can be.
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) {
                return;
            }
            pos++;
        }
    }

    /**
     * The keys seen so far, found by their bytes; a bounded number, so varying keys do not pile up. The keys kept are
     * interned, as are the names operators and expressions look up ({@code FieldPath}, {@code Shortcut}) and the
     * field names Jackson reads: a lookup in an {@link ArrayMap} then finds its key by identity, without comparing
     * hashes and characters.
     */
    private static final class KeyTable {
        private final byte[][] bytes = new byte[MAX_KEYS * 2][];
        private final String[] strings = new String[MAX_KEYS * 2];
        private int size;

        String get(byte[] data, int start, int length) {
            int hash = 0;
            for (int i = start; i < start + length; i++) {
                hash = 31 * hash + data[i];
            }
            int mask = bytes.length - 1;
            for (int slot = (hash ^ hash >>> 16) & mask; ; slot = (slot + 1) & mask) {
                byte[] known = bytes[slot];
                if (known == null) {
                    String key = new String(data, start, length, StandardCharsets.ISO_8859_1);
                    if (size < MAX_KEYS) {
                        key = key.intern();
                        bytes[slot] = Arrays.copyOfRange(data, start, start + length);
                        strings[slot] = key;
                        size++;
                    }
                    return key;
                }
                if (Arrays.equals(known, 0, known.length, data, start, start + length)) {
                    return strings[slot];
                }
            }
        }
    }
}
