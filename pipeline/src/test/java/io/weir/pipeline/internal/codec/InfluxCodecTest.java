package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;

public class InfluxCodecTest {
    private final Decoder decoder = new InfluxCodec().decoder(Map.of());
    private final Encoder encoder = new InfluxCodec().encoder(Map.of());

    private Object decode(String line) throws CodecException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(b, 0, b.length);
    }

    private String encode(Object value) throws CodecException {
        return new String(encoder.encode(value), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> point(String measurement, Map<String, Object> tags, Map<String, Object> fields, Long timestamp) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("measurement", measurement);
        p.put("tags", tags);
        p.put("fields", fields);
        p.put("timestamp", timestamp);
        return p;
    }

    @Test
    public void decodesTheTremorShape() throws Exception {
        assertEquals(point("weather", Map.of("location", "us-midwest"), Map.of("temperature", 82.0), 1465839830100400200L),
                decode("weather,location=us-midwest temperature=82 1465839830100400200"));
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("location", "us-midwest");
        tags.put("season", "summer");
        assertEquals(List.of("location", "season"),
                List.copyOf(((Map<?, ?>) ((Map<?, ?>) decode("weather,location=us-midwest,season=summer temperature=82 1")).get("tags")).keySet()));
        assertEquals(point("weather", Map.of(), Map.of("temperature_i", 82L), null), decode("weather temperature_i=82i"));
    }

    @Test
    public void decodesEveryFieldType() throws Exception {
        Map<?, ?> fields = (Map<?, ?>) ((Map<?, ?>) decode("m i=-5i,u=7u,f=-1.5e3,g=.5,s=\"a \\\"q\\\" \\\\ \\x\",t=t,T=TRUE,f2=False 0")).get("fields");
        assertEquals(-5L, fields.get("i"));
        assertEquals(7L, fields.get("u"));
        assertEquals(-1500.0, fields.get("f"));
        assertEquals(0.5, fields.get("g"));
        assertEquals("a \"q\" \\ \\x", fields.get("s"));
        assertEquals(true, fields.get("t"));
        assertEquals(true, fields.get("T"));
        assertEquals(false, fields.get("f2"));
    }

    @Test
    public void unescapesNamesAsTheTremorDataNeeds() throws Exception {
        assertEquals(point("wea,ther", Map.of("location", "us-midwest"), Map.of("temperature", 82.0), 1L), decode("wea\\,ther,location=us-midwest temperature=82 1"));
        assertEquals(point("wea ther", Map.of("location place", "us,midwest"), Map.of("temp=rature", 82.0), 1L),
                decode("wea\\ ther,location\\ place=us\\,midwest temp\\=rature=82 1"));
        assertEquals("too hot\\cold", fields(decode("weather temperature_str=\"too hot\\cold\" 1")).get("temperature_str"));
        assertEquals("too hot\\cold", fields(decode("weather temperature_str=\"too hot\\\\cold\" 1")).get("temperature_str"));
        assertEquals("too hot\\\\cold", fields(decode("weather temperature_str=\"too hot\\\\\\cold\" 1")).get("temperature_str"));
    }

    private static Map<?, ?> fields(Object point) {
        return (Map<?, ?>) ((Map<?, ?>) point).get("fields");
    }

    @Test
    public void toleratesSurroundingWhitespaceAndALineEnd() throws Exception {
        assertEquals(point("m", Map.of(), Map.of("v", 1L), 5L), decode("  m  v=1i   5  \r\n"));
        assertEquals(point("m", Map.of(), Map.of("v", 1L), null), decode("m v=1i \n"));
    }

    @Test
    public void roundTripsAllTremorLines() throws Exception {
        List<byte[]> lines = TremorData.lines("data.influx.xz");
        assertEquals(108, lines.size());
        for (byte[] line : lines) {
            Object decoded = decoder.decode(line, 0, line.length);
            byte[] encoded = encoder.encode(decoded);
            assertEquals(new String(line, StandardCharsets.UTF_8), decoded, decoder.decode(encoded, 0, encoded.length));
        }
    }

    @Test
    public void encodesCanonically() throws Exception {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("k y", "v,=al");
        tags.put("back\\", "slash\\x");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("f", 82.0);
        fields.put("i", 3L);
        fields.put("s", "say \"hi\" \\");
        fields.put("b", false);
        String line = encode(point("m,e a=s", tags, fields, 1465839830100400200L));
        assertEquals("m\\,e\\ a=s,k\\ y=v\\,\\=al,back\\\\=slash\\x f=82.0,i=3i,s=\"say \\\"hi\\\" \\\\\",b=false 1465839830100400200", line);
        assertEquals(point("m,e a=s", tags, fields, 1465839830100400200L), decode(line));
        Map<String, Object> noTags = new LinkedHashMap<>();
        noTags.put("measurement", "m");
        noTags.put("fields", Map.of("v", 1));
        noTags.put("other", "ignored");
        assertEquals("m v=1i", encode(noTags));
    }

    @Test
    public void rejectsMalformedLinesAndStaysUsable() throws Exception {
        String[][] cases = {
            {"", "influx: empty line"},
            {"# a comment", "influx: comment line, no data"},
            {"weather", "influx: expected a space before the fields at column 8"},
            {"weather ", "influx: empty field key at column 9"},
            {"weather,loc temp=1", "influx: expected '=' after tag key 'loc' at column 12"},
            {"weather,loc= temp=1", "influx: empty value of tag 'loc' at column 13"},
            {"weather temp", "influx: expected '=' after field key 'temp' at column 13"},
            {"weather temp=", "influx: missing value of field 'temp' at column 14"},
            {"weather temp=12x", "influx: invalid value of field 'temp': 12x"},
            {"weather temp=1.5i", "influx: invalid value of field 'temp': 1.5i"},
            {"weather temp=NaN", "influx: invalid value of field 'temp': NaN"},
            {"weather temp=1e999", "influx: invalid value of field 'temp': 1e999"},
            {"weather temp=99999999999999999999i", "influx: value of field 'temp' is beyond the range of a long: 99999999999999999999i"},
            {"weather s=\"open", "influx: unterminated string in field 's' at column 16"},
            {"weather temp=1 12:00", "influx: invalid timestamp '12:00'"},
            {"weather temp=1 1 extra", "influx: unexpected 'e' at column 18"},
            {",tag=a temp=1", "influx: empty measurement at column 1"},
        };
        for (String[] c : cases) {
            assertEquals(c[0], c[1], assertThrows(c[0], CodecException.class, () -> decode(c[0])).getMessage());
        }
        byte[] invalid = {'m', ' ', 'v', '=', '"', (byte) 0xff, '"'};
        assertEquals("influx: the line is not valid UTF-8", assertThrows(CodecException.class, () -> decoder.decode(invalid, 0, invalid.length)).getMessage());
        assertEquals(point("m", Map.of(), Map.of("v", 1.0), null), decode("m v=1"));
    }

    @Test
    public void refusesPointsLineProtocolCannotCarry() throws Exception {
        Object[][] cases = {
            {"not a map", "influx: cannot encode a value of type java.lang.String, only a map with measurement, tags, fields and timestamp"},
            {Map.of("fields", Map.of("v", 1L)), "influx: 'measurement' must be a non-empty string, got nothing"},
            {Map.of("measurement", "m"), "influx: 'fields' must be a map with at least one field, got nothing"},
            {Map.of("measurement", "m", "fields", Map.of()), "influx: 'fields' must be a map with at least one field, got a MapN"},
            {Map.of("measurement", "m", "fields", Map.of("v", Double.NaN)), "influx: field 'v' is NaN, which line protocol cannot carry"},
            {Map.of("measurement", "m", "fields", Map.of("v", List.of())), "influx: field 'v' must be a string, number or boolean, got a ListN"},
            {Map.of("measurement", "m", "fields", Map.of("v", "a\nb")), "influx: field 'v' contains a line end, which line protocol cannot carry"},
            {Map.of("measurement", "m\n", "fields", Map.of("v", 1L)), "influx: measurement contains a line end, which line protocol cannot carry"},
            {Map.of("measurement", "m", "tags", Map.of("t", 1L), "fields", Map.of("v", 1L)), "influx: tag 't' must be a non-empty string, got a Long"},
            {Map.of("measurement", "m", "fields", Map.of("v", 1L), "timestamp", "now"), "influx: 'timestamp' must be an integer (nanoseconds), got a String"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], assertThrows(CodecException.class, () -> encoder.encode(c[0])).getMessage());
        }
        assertTrue(encode(Map.of("measurement", "m", "fields", Map.of("v", true))).equals("m v=true"));
    }
}
