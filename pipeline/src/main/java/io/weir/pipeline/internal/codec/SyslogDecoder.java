package io.weir.pipeline.internal.codec;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;

/**
 * Parses one syslog message. After {@code <PRI>}, a version number and a space mean RFC 5424,
 * which is parsed strictly; anything else is read as RFC 3164, leniently, as relays do: a BSD
 * timestamp ({@code Oct 11 22:14:15}, taken as UTC in the current year, or the previous one if
 * that would be more than a day ahead) or an RFC 3339 one, a hostname, then {@code tag[pid]: msg}.
 * A BSD message without a recognisable timestamp keeps everything after the priority as
 * {@code msg}.
 */
final class SyslogDecoder implements Decoder {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final Clock clock;
    private final StringBuilder scratch = new StringBuilder();
    private String text;
    private int at;

    SyslogDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Object decode(byte[] data, int offset, int length) throws CodecException {
        text = new String(data, offset, length, StandardCharsets.UTF_8);
        at = 0;
        try {
            return parse();
        } finally {
            text = null;
        }
    }

    private Map<String, Object> parse() throws CodecException {
        int priority = priority();
        Map<String, Object> message = new LinkedHashMap<>();
        int versionEnd = at;
        while (versionEnd < text.length() && versionEnd - at < 4 && isDigit(text.charAt(versionEnd))) {
            versionEnd++;
        }
        boolean rfc5424 = versionEnd > at && versionEnd - at <= 3 && text.charAt(at) != '0'
                && versionEnd < text.length() && text.charAt(versionEnd) == ' ';
        message.put("protocol", rfc5424 ? "RFC5424" : "RFC3164");
        message.put("version", rfc5424 ? Long.valueOf(text.substring(at, versionEnd)) : null);
        message.put("priority", (long) priority);
        message.put("facility", SyslogNames.FACILITIES.get(priority >> 3));
        message.put("severity", SyslogNames.SEVERITIES.get(priority & 7));
        if (rfc5424) {
            at = versionEnd + 1;
            parse5424(message);
        } else {
            parse3164(message);
        }
        return message;
    }

    private int priority() throws CodecException {
        if (text.isEmpty() || text.charAt(0) != '<') {
            throw new CodecException("syslog: missing <PRI> at the start");
        }
        int close = text.indexOf('>');
        if (close < 2 || close > 4) {
            throw new CodecException("syslog: malformed <PRI>");
        }
        int priority = 0;
        for (int i = 1; i < close; i++) {
            if (!isDigit(text.charAt(i))) {
                throw new CodecException("syslog: malformed <PRI>");
            }
            priority = priority * 10 + (text.charAt(i) - '0');
        }
        if (priority > 191) {
            throw new CodecException("syslog: priority " + priority + " is out of range (0 to 191)");
        }
        at = close + 1;
        return priority;
    }

    private void parse5424(Map<String, Object> message) throws CodecException {
        String timestamp = token("timestamp");
        message.put("timestamp", timestamp == null ? null : rfc3339(timestamp));
        message.put("hostname", token("hostname"));
        message.put("appname", token("appname"));
        message.put("procid", token("procid"));
        message.put("msgid", token("msgid"));
        message.put("structured_data", structuredData());
        if (at < text.length()) {
            if (text.charAt(at) != ' ') {
                throw new CodecException("syslog: expected a space after the structured data at column " + (at + 1));
            }
            at++;
            String msg = trimLineEnd(text.substring(at));
            message.put("msg", msg.startsWith("\uFEFF") ? msg.substring(1) : msg);
        } else {
            message.put("msg", null);
        }
    }

    /** @return the next space-terminated header field, or null for the nil value {@code -} */
    private String token(String field) throws CodecException {
        int end = text.indexOf(' ', at);
        if (end < 0) {
            throw new CodecException("syslog: incomplete header, it ends at the " + field);
        }
        if (end == at) {
            throw new CodecException("syslog: empty " + field + " at column " + (at + 1));
        }
        String value = text.substring(at, end);
        at = end + 1;
        return value.equals("-") ? null : value;
    }

    private Map<String, Object> structuredData() throws CodecException {
        if (at < text.length() && text.charAt(at) == '-') {
            at++;
            return null;
        }
        if (at >= text.length() || text.charAt(at) != '[') {
            throw new CodecException("syslog: expected structured data ('-' or '[') at column " + (at + 1));
        }
        Map<String, Object> elements = new LinkedHashMap<>();
        while (at < text.length() && text.charAt(at) == '[') {
            at++;
            String id = sdName("SD-ID");
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) elements.computeIfAbsent(id, k -> new LinkedHashMap<String, Object>());
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
                String name = sdName("parameter name");
                if (at >= text.length() || text.charAt(at) != '=' || at + 1 >= text.length() || text.charAt(at + 1) != '"') {
                    throw new CodecException("syslog: expected =\"value\" after parameter '" + name + "' at column " + (at + 1));
                }
                at += 2;
                addParam(params, name, paramValue());
            }
            if (at >= text.length() || text.charAt(at) != ']') {
                throw new CodecException("syslog: expected ']' closing structured data element '" + id + "' at column " + (at + 1));
            }
            at++;
        }
        return elements;
    }

    /** A parameter that occurs more than once becomes a list of its values. */
    @SuppressWarnings("unchecked")
    private static void addParam(Map<String, Object> params, String name, String value) {
        Object previous = params.get(name);
        if (previous == null) {
            params.put(name, value);
        } else if (previous instanceof List) {
            ((List<Object>) previous).add(value);
        } else {
            List<Object> values = new ArrayList<>();
            values.add(previous);
            values.add(value);
            params.put(name, values);
        }
    }

    private String sdName(String what) throws CodecException {
        int start = at;
        while (at < text.length() && isSdNameChar(text.charAt(at))) {
            at++;
        }
        if (at == start || at - start > 32) {
            throw new CodecException("syslog: invalid " + what + " at column " + (start + 1));
        }
        return text.substring(start, at);
    }

    static boolean isSdNameChar(char c) {
        return c > 32 && c < 127 && c != '=' && c != ']' && c != '"';
    }

    private String paramValue() throws CodecException {
        scratch.setLength(0);
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return scratch.toString();
            }
            if (c == '\\' && at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\\' || text.charAt(at) == ']')) {
                c = text.charAt(at++);
            }
            scratch.append(c);
        }
        throw new CodecException("syslog: unterminated structured data parameter value");
    }

    private Long rfc3339(String timestamp) throws CodecException {
        try {
            OffsetDateTime time = OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CodecException("syslog: invalid timestamp '" + timestamp + "'");
        }
    }

    private void parse3164(Map<String, Object> message) {
        Long timestamp = bsdTimestamp();
        if (timestamp == null) {
            timestamp = rfc3339Token();
        }
        message.put("timestamp", timestamp);
        String hostname = null;
        if (timestamp != null) {
            int end = text.indexOf(' ', at);
            if (end > at) {
                hostname = text.substring(at, end);
                at = end + 1;
            }
        }
        message.put("hostname", hostname);
        String appname = null;
        String procid = null;
        int tagEnd = at;
        while (tagEnd < text.length() && tagEnd - at <= 48 && isTagChar(text.charAt(tagEnd))) {
            tagEnd++;
        }
        if (tagEnd > at && tagEnd < text.length()) {
            int after = tagEnd;
            String pid = null;
            if (text.charAt(after) == '[') {
                int close = text.indexOf(']', after);
                if (close > after + 1) {
                    pid = text.substring(after + 1, close);
                    after = close + 1;
                }
            }
            if (after < text.length() && text.charAt(after) == ':') {
                appname = text.substring(at, tagEnd);
                procid = pid;
                at = after + 1;
                if (at < text.length() && text.charAt(at) == ' ') {
                    at++;
                }
            }
        }
        message.put("appname", appname);
        message.put("procid", procid);
        message.put("msgid", null);
        message.put("structured_data", null);
        message.put("msg", trimLineEnd(text.substring(at)));
    }

    private static boolean isTagChar(char c) {
        return c > 32 && c < 127 && c != '[' && c != ':' && c != ']';
    }

    /** {@code Mmm dd hh:mm:ss } (day space-padded or not); moves past it and the space. */
    private Long bsdTimestamp() {
        if (text.length() < at + 16) {
            return null;
        }
        int month = -1;
        for (int m = 0; m < 12; m++) {
            if (text.startsWith(MONTHS[m], at)) {
                month = m + 1;
            }
        }
        if (month < 0 || text.charAt(at + 3) != ' ') {
            return null;
        }
        int p = at + 4;
        if (text.charAt(p) == ' ') {
            p++;
        }
        int day = number(p, text.charAt(p + 1) == ' ' ? 1 : 2);
        p += text.charAt(p + 1) == ' ' ? 1 : 2;
        if (day < 1 || day > 31 || p + 10 > text.length() || text.charAt(p) != ' ' || text.charAt(p + 3) != ':'
                || text.charAt(p + 6) != ':' || text.charAt(p + 9) != ' ') {
            return null;
        }
        int hour = number(p + 1, 2);
        int minute = number(p + 4, 2);
        int second = number(p + 7, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return null;
        }
        long now = clock.instant().getEpochSecond() * 1_000_000_000L;
        int year = clock.instant().atOffset(ZoneOffset.UTC).getYear();
        Long nanos = bsdNanos(year, month, day, hour, minute, second);
        if (nanos != null && nanos > now + DAY_NANOS) {
            nanos = bsdNanos(year - 1, month, day, hour, minute, second);
        }
        if (nanos != null) {
            at = p + 10;
        }
        return nanos;
    }

    private static Long bsdNanos(int year, int month, int day, int hour, int minute, int second) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59)).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
        } catch (java.time.DateTimeException e) {
            return null; // February 30th and the like
        }
    }

    /** An RFC 3339 timestamp where RFC 3164 expects its own, as some relays send. */
    private Long rfc3339Token() {
        int end = text.indexOf(' ', at);
        if (end <= at || !isDigit(text.charAt(at))) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(text.substring(at, end), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            at = end + 1;
            return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private int number(int from, int digits) {
        int n = 0;
        for (int i = from; i < from + digits; i++) {
            if (i >= text.length() || !isDigit(text.charAt(i))) {
                return -1;
            }
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String trimLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
