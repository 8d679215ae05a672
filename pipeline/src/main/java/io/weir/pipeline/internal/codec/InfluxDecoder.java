package io.weir.pipeline.internal.codec;

import java.nio.charset.CharacterCodingException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;

/**
 * Parses one line of InfluxDB line protocol:
 * {@code measurement[,tag=value...] field=value[,field=value...] [timestamp]}.
 *
 * <p>In names and tag values a backslash escapes a comma, space, equals sign or backslash; before
 * any other character it is kept. In string fields it escapes a double quote or a backslash.
 * Field values are floats ({@code 82}, {@code -1.5e3}), integers ({@code 82i}), unsigned integers
 * ({@code 82u}, up to the largest long), strings ({@code "text"}) and booleans ({@code t},
 * {@code true}, {@code True}, {@code TRUE}, and the same for false).
 */
final class InfluxDecoder implements Decoder {
    private final Utf8 utf8 = new Utf8();
    private final StringBuilder scratch = new StringBuilder();
    private String line;
    private int at;

    @Override
    public Object decode(byte[] data, int offset, int length) throws CodecException {
        try {
            line = utf8.decode(data, offset, length);
        } catch (CharacterCodingException e) {
            throw new CodecException("influx: the line is not valid UTF-8");
        }
        try {
            return parse();
        } finally {
            line = null;
        }
    }

    private Map<String, Object> parse() throws CodecException {
        at = 0;
        skipSpaces();
        if (at == line.length() || line.charAt(at) == '\n' || line.charAt(at) == '\r') {
            throw new CodecException("influx: empty line");
        }
        if (line.charAt(at) == '#') {
            throw new CodecException("influx: comment line, no data");
        }
        String measurement = name(", ", "measurement");
        Map<String, Object> tags = new LinkedHashMap<>();
        while (peek() == ',') {
            at++;
            String key = name("= ,", "tag key");
            expect('=', "after tag key '" + key + "'");
            tags.put(key, name(", ", "value of tag '" + key + "'"));
        }
        if (peek() != ' ') {
            throw error("expected a space before the fields");
        }
        skipSpaces();
        Map<String, Object> fields = new LinkedHashMap<>();
        do {
            if (!fields.isEmpty()) {
                at++;
            }
            String key = name("= ,", "field key");
            expect('=', "after field key '" + key + "'");
            fields.put(key, fieldValue(key));
        } while (peek() == ',');
        Long timestamp = null;
        if (peek() == ' ') {
            skipSpaces();
            if (at < line.length() && !isLineEnd(line.charAt(at))) {
                timestamp = timestamp();
            }
        }
        skipSpaces();
        while (at < line.length() && isLineEnd(line.charAt(at))) {
            at++;
        }
        if (at < line.length()) {
            throw error("unexpected '" + line.charAt(at) + "'");
        }
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("measurement", measurement);
        point.put("tags", tags);
        point.put("fields", fields);
        point.put("timestamp", timestamp);
        return point;
    }

    /** Reads an escaped name or tag value up to one of the stop characters (unescaped). */
    private String name(String stops, String what) throws CodecException {
        scratch.setLength(0);
        while (at < line.length()) {
            char c = line.charAt(at);
            if (c == '\\' && at + 1 < line.length() && isNameEscape(line.charAt(at + 1))) {
                scratch.append(line.charAt(at + 1));
                at += 2;
                continue;
            }
            if (stops.indexOf(c) >= 0 || isLineEnd(c)) {
                break;
            }
            scratch.append(c);
            at++;
        }
        if (scratch.length() == 0) {
            throw error("empty " + what);
        }
        return scratch.toString();
    }

    static boolean isNameEscape(char c) {
        return c == ',' || c == ' ' || c == '=' || c == '\\';
    }

    private Object fieldValue(String key) throws CodecException {
        if (peek() == '"') {
            at++;
            scratch.setLength(0);
            while (true) {
                if (at >= line.length()) {
                    throw error("unterminated string in field '" + key + "'");
                }
                char c = line.charAt(at++);
                if (c == '"') {
                    return scratch.toString();
                }
                if (c == '\\' && at < line.length() && (line.charAt(at) == '"' || line.charAt(at) == '\\')) {
                    c = line.charAt(at++);
                }
                scratch.append(c);
            }
        }
        int start = at;
        while (at < line.length() && line.charAt(at) != ',' && line.charAt(at) != ' ' && !isLineEnd(line.charAt(at))) {
            at++;
        }
        String token = line.substring(start, at);
        switch (token) {
            case "t": case "T": case "true": case "True": case "TRUE":
                return Boolean.TRUE;
            case "f": case "F": case "false": case "False": case "FALSE":
                return Boolean.FALSE;
            case "":
                throw error("missing value of field '" + key + "'");
            default:
                break;
        }
        char last = token.charAt(token.length() - 1);
        if (last == 'i' || last == 'u') {
            String digits = token.substring(0, token.length() - 1);
            if (isInteger(digits, last == 'i')) {
                try {
                    return Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    throw new CodecException("influx: value of field '" + key + "' is beyond the range of a long: " + token);
                }
            }
        } else if (isFloat(token)) {
            double value = Double.parseDouble(token);
            if (!Double.isInfinite(value)) {
                return value;
            }
        }
        throw new CodecException("influx: invalid value of field '" + key + "': " + token);
    }

    private Long timestamp() throws CodecException {
        int start = at;
        while (at < line.length() && line.charAt(at) != ' ' && !isLineEnd(line.charAt(at))) {
            at++;
        }
        String token = line.substring(start, at);
        if (!isInteger(token, true)) {
            throw new CodecException("influx: invalid timestamp '" + token + "'");
        }
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new CodecException("influx: timestamp " + token + " is beyond the range of a long");
        }
    }

    private static boolean isInteger(String s, boolean signed) {
        int i = signed && s.startsWith("-") ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** [+-] digits [. digits] [e [+-] digits], or [+-] . digits [exponent]. */
    private static boolean isFloat(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private char peek() {
        return at < line.length() ? line.charAt(at) : '\0';
    }

    private void expect(char c, String where) throws CodecException {
        if (peek() != c) {
            throw error("expected '" + c + "' " + where);
        }
        at++;
    }

    private void skipSpaces() {
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
    }

    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r';
    }

    private CodecException error(String what) {
        return new CodecException("influx: " + what + " at column " + (at + 1));
    }
}
