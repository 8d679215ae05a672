package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Encoder;

public class SyslogCodecTest {
    /** 2024-03-10: BSD timestamps in March or earlier are this year, later ones last year. */
    private final SyslogDecoder decoder = new SyslogDecoder(Clock.fixed(Instant.parse("2024-03-10T12:00:00Z"), ZoneOffset.UTC));
    private final Encoder encoder = new SyslogCodec().encoder(Map.of());

    @SuppressWarnings("unchecked")
    private Map<String, Object> decode(String message) throws CodecException {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return (Map<String, Object>) decoder.decode(b, 0, b.length);
    }

    private String encode(Object value) throws CodecException {
        return new String(encoder.encode(value), StandardCharsets.UTF_8);
    }

    private static long nanos(String rfc3339) {
        OffsetDateTime t = OffsetDateTime.parse(rfc3339);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    public void aMessageThatEndsAtItsBsdTimestampIsNoCrash() throws Exception {
        // RFC 3164 puts a space and the host after the timestamp: without them it is the message (it threw).
        for (String message : List.of("<13>Jan  2 12:00:00", "<13>Jan 12 12:00:00")) {
            Map<String, Object> m = decode(message);
            assertEquals(13L, m.get("priority"));
            assertEquals(null, m.get("timestamp"));
            assertEquals(message.substring(4), m.get("msg"));
        }
    }

    @Test
    public void decodesTheRfc5424Examples() throws Exception {
        Map<String, Object> m = decode("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("protocol", "RFC5424");
        expected.put("version", 1L);
        expected.put("priority", 34L);
        expected.put("facility", "auth");
        expected.put("severity", "crit");
        expected.put("timestamp", nanos("2003-10-11T22:14:15.003Z"));
        expected.put("hostname", "mymachine.example.com");
        expected.put("appname", "su");
        expected.put("procid", null);
        expected.put("msgid", "ID47");
        expected.put("structured_data", null);
        expected.put("msg", "'su root' failed for lonvick on /dev/pts/8");
        assertEquals(expected, m);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.keySet()));

        m = decode("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");
        assertEquals("local4", m.get("facility"));
        assertEquals("notice", m.get("severity"));
        assertEquals(nanos("2003-08-24T12:14:15.000003Z"), m.get("timestamp"));
        assertEquals("8710", m.get("procid"));
        assertNull(m.get("msgid"));
        assertEquals("%% It's time to make the do-nuts.", m.get("msg"));
    }

    @Test
    public void decodesStructuredData() throws Exception {
        Map<String, Object> m = decode("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]");
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("iut", "3");
        first.put("eventSource", "Application");
        first.put("eventID", "1011");
        assertEquals(Map.of("exampleSDID@32473", first, "examplePriority@32473", Map.of("class", "high")), m.get("structured_data"));
        assertNull(m.get("msg"));
        m = decode("<13>1 - - - - - [x@1 a=\"q\\\"u\\]o\\\\te\\n\" a=\"2\" empty=\"\"] msg");
        assertEquals(Map.of("x@1", Map.of("a", List.of("q\"u]o\\te\\n", "2"), "empty", "")), m.get("structured_data"));
        assertNull(m.get("timestamp"));
        assertNull(m.get("hostname"));
        assertEquals("msg", m.get("msg"));
    }

    @Test
    public void decodesRfc3164Messages() throws Exception {
        Map<String, Object> m = decode("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8\n");
        assertEquals("RFC3164", m.get("protocol"));
        assertNull(m.get("version"));
        assertEquals("auth", m.get("facility"));
        assertEquals("crit", m.get("severity"));
        assertEquals(nanos("2023-10-11T22:14:15Z"), m.get("timestamp")); // October is in the future in March 2024
        assertEquals("mymachine", m.get("hostname"));
        assertEquals("su", m.get("appname"));
        assertNull(m.get("procid"));
        assertEquals("'su root' failed for lonvick on /dev/pts/8", m.get("msg"));

        m = decode("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
        assertEquals(nanos("2024-02-05T17:32:18Z"), m.get("timestamp"));
        assertEquals("10.0.0.99", m.get("hostname"));
        assertNull(m.get("appname"));
        assertEquals("Use the BFG!", m.get("msg"));

        m = decode("<30>Mar 10 11:59:00 host sshd[4242]: Accepted publickey");
        assertEquals("sshd", m.get("appname"));
        assertEquals("4242", m.get("procid"));
        assertEquals("Accepted publickey", m.get("msg"));

        m = decode("<30>2024-03-10T11:59:00.5+01:00 host app: iso");
        assertEquals(nanos("2024-03-10T10:59:00.5Z"), m.get("timestamp"));
        assertEquals("app", m.get("appname"));
    }

    @Test
    public void aBsdMessageWithoutAHeaderKeepsEverythingAsMsg() throws Exception {
        Map<String, Object> m = decode("<0>1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org sched[0]: That's All Folks!");
        assertNull(m.get("timestamp"));
        assertNull(m.get("hostname"));
        assertNull(m.get("appname"));
        assertEquals("1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org sched[0]: That's All Folks!", m.get("msg"));
        assertEquals("kern", m.get("facility"));
        assertEquals("emerg", m.get("severity"));
        assertEquals("", decode("<13>").get("msg"));
    }

    @Test
    public void rejectsMalformedMessagesAndStaysUsable() throws Exception {
        String[][] cases = {
            {"", "syslog: missing <PRI> at the start"},
            {"no priority", "syslog: missing <PRI> at the start"},
            {"<>1 -", "syslog: malformed <PRI>"},
            {"<1x>1 -", "syslog: malformed <PRI>"},
            {"<192>1 - - - - - -", "syslog: priority 192 is out of range (0 to 191)"},
            {"<13>1 yesterday host app - - -", "syslog: invalid timestamp 'yesterday'"},
            {"<13>1 - host app", "syslog: incomplete header, it ends at the appname"},
            {"<13>1 - host app 1", "syslog: incomplete header, it ends at the procid"},
            {"<13>1 -  app - - -", "syslog: empty hostname at column 9"},
            {"<13>1 - - - - - x", "syslog: expected structured data ('-' or '[') at column 17"},
            {"<13>1 - - - - - [id a=\"1\"", "syslog: expected ']' closing structured data element 'id' at column 26"},
            {"<13>1 - - - - - [id a=1]", "syslog: expected =\"value\" after parameter 'a' at column 22"},
            {"<13>1 - - - - - [id a=\"1]", "syslog: unterminated structured data parameter value"},
            {"<13>1 - - - - - []", "syslog: invalid SD-ID at column 18"},
            {"<13>1 - - - - - -msg", "syslog: expected a space after the structured data at column 18"},
        };
        for (String[] c : cases) {
            assertEquals(c[0], c[1], assertThrows(c[0], CodecException.class, () -> decode(c[0])).getMessage());
        }
        assertEquals("ok", decode("<13>1 - - - - - - ok").get("msg"));
    }

    @Test
    public void encodesRfc5424AndRoundTrips() throws Exception {
        for (String message : new String[] {
            "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed for lonvick on /dev/pts/8",
            "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]",
            "<13>1 - - - - - [x@1 a=\"q\\\"u\\]o\\\\te\" a=\"2\"] msg with  spaces ",
            "<191>1 2024-01-01T00:00:00Z h a p m -",
        }) {
            Map<String, Object> decoded = decode(message);
            assertEquals(message, encode(decoded));
            assertEquals(decoded, decode(encode(decoded)));
        }
        assertEquals("<165>1 2003-08-24T12:14:15.000003Z 192.0.2.1 myproc 8710 - - hi",
                encode(decode("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - hi")));
    }

    @Test
    public void encodesBsdMessagesAsRfc5424() throws Exception {
        Map<String, Object> bsd = decode("<30>Mar 10 11:59:00 host sshd[4242]: Accepted publickey");
        String encoded = encode(bsd);
        assertEquals("<30>1 2024-03-10T11:59:00Z host sshd 4242 - - Accepted publickey", encoded);
        Map<String, Object> again = decode(encoded);
        for (String field : List.of("priority", "facility", "severity", "timestamp", "hostname", "appname", "procid", "msg")) {
            assertEquals(field, bsd.get(field), again.get(field));
        }
    }

    @Test
    public void buildsThePriorityFromNamesCodesOrDefaults() throws Exception {
        assertEquals("<131>1 - - - - - - x", encode(Map.of("facility", "local0", "severity", "error", "msg", "x")));
        assertEquals("<131>1 - - - - - - x", encode(Map.of("facility", 16L, "severity", 3, "msg", "x")));
        assertEquals("<13>1 - - - - - -", encode(Map.of()));
        assertEquals("<7>1 - - - - - -", encode(Map.of("priority", 7L)));
        assertEquals("<11>1 - - - - - -", encode(Map.of("severity", "err")));
        Map<String, Object> nullMsg = new HashMap<>();
        nullMsg.put("msg", null);
        nullMsg.put("timestamp", 0L);
        assertEquals("<13>1 1970-01-01T00:00:00Z - - - - -", encode(nullMsg));
        assertEquals("<13>1 1970-01-01T00:00:00.000001Z - - 42 - -", encode(Map.of("timestamp", 1_999L, "procid", 42L)));
        assertEquals("<13>1 2003-10-11T22:14:15.003Z - - - - -", encode(Map.of("timestamp", "2003-10-11T22:14:15.003Z")));
    }

    @Test
    public void refusesWhatRfc5424CannotCarryAndStaysUsable() throws Exception {
        Object[][] cases = {
            {"text", "syslog: cannot encode a value of type java.lang.String, only a map of syslog fields"},
            {Map.of("facility", "nope"), "syslog: unknown facility 'nope' (a name such as local0, or 0 to 23)"},
            {Map.of("severity", 8L), "syslog: unknown severity '8' (a name such as err, or 0 to 7)"},
            {Map.of("priority", 192L), "syslog: 'priority' must be an integer from 0 to 191, got 192"},
            {Map.of("hostname", "has space"), "syslog: 'hostname' may hold only printable ASCII without spaces"},
            {Map.of("appname", "a".repeat(49)), "syslog: 'appname' is longer than 48 characters"},
            {Map.of("msgid", List.of()), "syslog: 'msgid' must be text, got a ListN"},
            {Map.of("timestamp", "yesterday"), "syslog: 'timestamp' is not an RFC 3339 time: yesterday"},
            {Map.of("timestamp", 1.5), "syslog: 'timestamp' must be epoch nanoseconds or an RFC 3339 string, got a Double"},
            {Map.of("structured_data", "x"), "syslog: 'structured_data' must be a map of element ids to parameter maps"},
            {Map.of("structured_data", Map.of("bad id", Map.of())), "syslog: invalid structured data id 'bad id' (no space, '=', ']' or '\"')"},
            {Map.of("structured_data", Map.of("id", "x")), "syslog: structured data element 'id' must be a map of parameters"},
            {Map.of("structured_data", Map.of("id", Map.of("p", Map.of()))), "syslog: parameter 'p' of 'id' must be a string, number or boolean"},
            {Map.of("msg", Arrays.asList(1, 2)), "syslog: 'msg' must be text, got a ArrayList"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], assertThrows(String.valueOf(c[0]), CodecException.class, () -> encoder.encode(c[0])).getMessage());
        }
        assertEquals("<13>1 - - - - - - fine", encode(Map.of("msg", "fine")));
    }
}
