package io.weir.pipeline.internal.codec;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Encoder;

/**
 * Writes a map shaped like the {@link SyslogDecoder}'s output as an RFC 5424 message:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]}. The priority
 * comes from {@code facility} and {@code severity} (names or codes), else from {@code priority},
 * else it is user.notice. Missing header fields are written as {@code -}; the timestamp (epoch
 * nanoseconds, or an RFC 3339 string) is written in UTC with at most microseconds.
 */
final class SyslogEncoder implements Encoder {
    private static final int USER_NOTICE = 1 * 8 + 5;
    /** RFC 5424 timestamps have four-digit years. */
    private static final Instant FIRST = LocalDateTime.of(0, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    private static final Instant BEYOND_LAST = LocalDateTime.of(10000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(256);

    @Override
    public byte[] encode(Object value) throws CodecException {
        if (!(value instanceof Map)) {
            throw new CodecException("syslog: cannot encode a value of type " + JsonEncoder.typeOf(value) + ", only a map of syslog fields");
        }
        Map<?, ?> message = (Map<?, ?>) value;
        out.setLength(0);
        out.append('<').append(priority(message)).append(">1 ");
        appendTimestamp(message.get("timestamp"));
        appendHeader(message, "hostname", 255);
        appendHeader(message, "appname", 48);
        appendHeader(message, "procid", 128);
        appendHeader(message, "msgid", 32);
        appendStructuredData(message.get("structured_data"));
        Object msg = message.get("msg");
        if (msg instanceof Map || msg instanceof Collection || msg instanceof byte[]) {
            throw new CodecException("syslog: 'msg' must be text, got a " + msg.getClass().getSimpleName());
        }
        if (msg != null) {
            out.append(' ').append(msg);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int priority(Map<?, ?> message) throws CodecException {
        Object facility = message.get("facility");
        Object severity = message.get("severity");
        if (facility == null && severity == null) {
            Object priority = message.get("priority");
            if (priority == null) {
                return USER_NOTICE;
            }
            if ((priority instanceof Long || priority instanceof Integer) && ((Number) priority).longValue() >= 0
                    && ((Number) priority).longValue() <= 191) {
                return ((Number) priority).intValue();
            }
            throw new CodecException("syslog: 'priority' must be an integer from 0 to 191, got " + priority);
        }
        int f = facility == null ? 1 : SyslogNames.facility(facility);
        if (f < 0) {
            throw new CodecException("syslog: unknown facility '" + facility + "' (a name such as local0, or 0 to 23)");
        }
        int s = severity == null ? 5 : SyslogNames.severity(severity);
        if (s < 0) {
            throw new CodecException("syslog: unknown severity '" + severity + "' (a name such as err, or 0 to 7)");
        }
        return f * 8 + s;
    }

    private void appendTimestamp(Object timestamp) throws CodecException {
        Instant instant;
        if (timestamp == null) {
            out.append("- ");
            return;
        } else if (timestamp instanceof Long || timestamp instanceof Integer) {
            long nanos = ((Number) timestamp).longValue();
            instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        } else if (timestamp instanceof String) {
            try {
                instant = OffsetDateTime.parse((String) timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new CodecException("syslog: 'timestamp' is not an RFC 3339 time: " + timestamp);
            }
        } else {
            throw new CodecException("syslog: 'timestamp' must be epoch nanoseconds or an RFC 3339 string, got a " + timestamp.getClass().getSimpleName());
        }
        try {
            if (instant.isBefore(FIRST) || !instant.isBefore(BEYOND_LAST)) {
                throw new DateTimeException("year out of range");
            }
            out.append(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS))).append(' ');
        } catch (DateTimeException e) {
            throw new CodecException("syslog: 'timestamp' " + timestamp + " is outside the years 0 to 9999");
        }
    }

    /** Header fields are printable ASCII without spaces, of limited length; absent or empty is '-'. */
    private void appendHeader(Map<?, ?> message, String field, int maxLength) throws CodecException {
        Object value = message.get(field);
        if (value instanceof Map || value instanceof Collection || value instanceof byte[]) {
            throw new CodecException("syslog: '" + field + "' must be text, got a " + value.getClass().getSimpleName());
        }
        String text = value == null ? "" : value.toString();
        if (text.isEmpty()) {
            out.append("- ");
            return;
        }
        if (text.length() > maxLength) {
            throw new CodecException("syslog: '" + field + "' is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 32 || c >= 127) {
                throw new CodecException("syslog: '" + field + "' may hold only printable ASCII without spaces");
            }
        }
        out.append(text).append(' ');
    }

    private void appendStructuredData(Object data) throws CodecException {
        if (data == null || (data instanceof Map && ((Map<?, ?>) data).isEmpty())) {
            out.append('-');
            return;
        }
        if (!(data instanceof Map)) {
            throw new CodecException("syslog: 'structured_data' must be a map of element ids to parameter maps");
        }
        for (Map.Entry<?, ?> element : ((Map<?, ?>) data).entrySet()) {
            String id = sdName(element.getKey(), "structured data id");
            if (!(element.getValue() instanceof Map)) {
                throw new CodecException("syslog: structured data element '" + id + "' must be a map of parameters");
            }
            out.append('[').append(id);
            for (Map.Entry<?, ?> param : ((Map<?, ?>) element.getValue()).entrySet()) {
                String name = sdName(param.getKey(), "parameter name in '" + id + "'");
                if (param.getValue() instanceof Collection) {
                    for (Object item : (Collection<?>) param.getValue()) {
                        appendParam(id, name, item);
                    }
                } else {
                    appendParam(id, name, param.getValue());
                }
            }
            out.append(']');
        }
    }

    private void appendParam(String id, String name, Object value) throws CodecException {
        if (value == null || value instanceof Map || value instanceof Collection || value instanceof byte[]) {
            throw new CodecException("syslog: parameter '" + name + "' of '" + id + "' must be a string, number or boolean");
        }
        out.append(' ').append(name).append("=\"");
        String text = value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static String sdName(Object key, String what) throws CodecException {
        if (!(key instanceof String) || ((String) key).isEmpty() || ((String) key).length() > 32) {
            throw new CodecException("syslog: invalid " + what + " " + key + " (1 to 32 printable ASCII characters)");
        }
        String name = (String) key;
        for (int i = 0; i < name.length(); i++) {
            if (!SyslogDecoder.isSdNameChar(name.charAt(i))) {
                throw new CodecException("syslog: invalid " + what + " '" + name + "' (no space, '=', ']' or '\"')");
            }
        }
        return name;
    }
}
