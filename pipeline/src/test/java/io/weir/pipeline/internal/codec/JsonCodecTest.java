package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.event.ArrayMap;

public class JsonCodecTest {
    private final Decoder decoder = new JsonCodec().decoder(Map.of());
    private final Encoder encoder = new JsonCodec().encoder(Map.of());

    private Object decode(String json) throws CodecException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(b, 0, b.length);
    }

    private String encode(Object value) throws CodecException {
        return new String(encoder.encode(value), StandardCharsets.UTF_8);
    }

    @Test
    public void decodesEveryJsonTypeIntoTheEventModel() throws Exception {
        Object value = decode("{\"s\":\"a\\\"b\\u00e9\\n\",\"i\":-42,\"max\":9223372036854775807,\"f\":1.5,\"e\":-2E-3,"
                + "\"t\":true,\"n\":null,\"a\":[1,[],{}],\"o\":{\"x\":false}}");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"bé\n");
        expected.put("i", -42L);
        expected.put("max", Long.MAX_VALUE);
        expected.put("f", 1.5);
        expected.put("e", -0.002);
        expected.put("t", true);
        expected.put("n", null);
        expected.put("a", List.of(1L, List.of(), Map.of()));
        expected.put("o", Map.of("x", false));
        assertEquals(expected, value);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) value).keySet()));
        assertEquals("scalars at the root", "text", decode("\"text\""));
        assertEquals(7L, decode(" 7 "));
        assertNull(decode("null"));
    }

    @Test
    public void keysWrittenAgainAndAgainComeOutAsTheFirstTime() throws Exception {
        com.fasterxml.jackson.core.JsonFactory plain = JsonCodec.FACTORY;
        List<String> keys = new ArrayList<>(List.of("ts", "a\"b", "\\", "ключ", "tab\there", "\u0001", "emoji \ud83d\ude00",
                "x".repeat(JsonEncoder.MAX_KEY_LENGTH + 1)));
        for (int i = 0; i < JsonEncoder.MAX_KEYS + 10; i++) {
            keys.add("k" + i);
        }
        for (int round = 0; round < 3; round++) {
            Map<String, Object> value = new LinkedHashMap<>();
            for (String key : keys) {
                value.put(key, round);
            }
            // Jackson's byte generator, as the encoder has always used: it escapes surrogate pairs (the emoji).
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            try (com.fasterxml.jackson.core.JsonGenerator g = plain.createGenerator(expected)) {
                g.writeStartObject();
                for (String key : keys) {
                    g.writeFieldName(key);
                    g.writeNumber(round);
                }
                g.writeEndObject();
            }
            assertEquals("round " + round, expected.toString(StandardCharsets.UTF_8), encode(value));
            assertEquals(value.keySet(), ((Map<?, ?>) decode(encode(value))).keySet());
        }
    }

    @Test
    public void integersBeyondALongBecomeDoubles() throws Exception {
        assertEquals(1.8446744073709552E19, decode("18446744073709551615"));
        assertEquals(-1e30, decode("-1000000000000000000000000000000"));
    }

    @Test
    public void decodesOnlyTheGivenSliceOfTheBuffer() throws Exception {
        byte[] buffer = "garbage{\"a\":1}garbage".getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("a", 1L), decoder.decode(buffer, 7, 7));
    }

    @Test
    public void theLastOfDuplicateKeysWins() throws Exception {
        assertEquals(Map.of("a", 2L), decode("{\"a\":1,\"a\":2}"));
    }

    @Test
    public void rejectsMalformedRecordsAndStaysUsable() throws Exception {
        for (String bad : new String[] {"", "   ", "{", "{\"a\":}", "[1,2", "{} x", "1 2", "{'a':1}", "nul", "1e400", "[1,]", "\"\\x\""}) {
            CodecException e = assertThrows(bad, CodecException.class, () -> decode(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("json: "));
        }
        assertEquals("json: empty record", assertThrows(CodecException.class, () -> decode("")).getMessage());
        assertEquals("json: unexpected content after the value at column 4", assertThrows(CodecException.class, () -> decode("{} {}")).getMessage());
        byte[] invalidUtf8 = {'"', (byte) 0xc3, (byte) 0x28, '"'};
        assertThrows(CodecException.class, () -> decoder.decode(invalidUtf8, 0, invalidUtf8.length));
        // Overlong forms: '/' and '"' written in two bytes would pass a filter on the decoded text.
        for (byte[] overlong : new byte[][] {{'"', (byte) 0xc0, (byte) 0xaf, '"'}, {'"', (byte) 0xc0, (byte) 0xa2, '"'},
                {'"', (byte) 0xe0, (byte) 0x80, (byte) 0xaf, '"'}, {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}}) {
            CodecException e = assertThrows(CodecException.class, () -> decoder.decode(overlong, 0, overlong.length));
            assertTrue(e.getMessage(), e.getMessage().contains("invalid UTF-8 at byte 1"));
        }
        assertEquals(Map.of("ok", true), decode("{\"ok\":true}"));
    }

    @Test
    public void encodesCompactlyInMapOrder() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1L);
        value.put("a", Arrays.asList(true, null, "x\"y", 1.5, -0.0));
        value.put("c", Map.of());
        assertEquals("{\"b\":1,\"a\":[true,null,\"x\\\"y\",1.5,-0.0],\"c\":{}}", encode(value));
        assertEquals("\"é\"", encode("é"));
    }

    @Test
    public void encodesOtherJavaNumbersAndBytes() throws Exception {
        assertEquals("[1,2,3,2.5,18446744073709551615,0.10000000000000000001]",
                encode(List.of(1, (short) 2, (byte) 3, 2.5f, new BigInteger("18446744073709551615"), new BigDecimal("0.10000000000000000001"))));
        assertEquals("\"AQID\"", encode(new byte[] {1, 2, 3}));
    }

    @Test
    public void refusesWhatJsonCannotRepresentAndStaysUsable() throws Exception {
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "x");
        Map<String, Object> cycle = new HashMap<>();
        cycle.put("self", cycle);
        List<Object> deepInList = new ArrayList<>();
        deepInList.add(Map.of("nan", Double.NaN));
        Object[][] cases = {
            {Double.NaN, "json: cannot encode NaN, JSON has no NaN or infinity"},
            {Double.POSITIVE_INFINITY, "json: cannot encode Infinity, JSON has no NaN or infinity"},
            {deepInList, "json: cannot encode NaN, JSON has no NaN or infinity"},
            {intKey, "json: cannot encode a map key of type java.lang.Integer, keys must be strings"},
            {new Object(), "json: cannot encode a value of type java.lang.Object"},
            {cycle, "json: cannot encode values nested more than 1000 deep (does the value contain itself?)"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], assertThrows(CodecException.class, () -> encoder.encode(c[0])).getMessage());
            assertEquals("{\"after\":1}", encode(Map.of("after", 1L)));
        }
    }

    @Test
    public void roundTripsAllTremorEventsByteForByte() throws Exception {
        List<byte[]> lines = TremorData.lines("data.json.xz");
        assertEquals(100, lines.size());
        for (byte[] line : lines) {
            Object value = decoder.decode(line, 0, line.length);
            assertTrue(value instanceof Map);
            byte[] encoded = encoder.encode(value);
            assertArrayEquals(line, encoded);
            assertEquals(value, decoder.decode(encoded, 0, encoded.length));
        }
    }

    @Test
    public void longStringsComeOutAsTheGeneratorWritesThemWhateverTheyHold() throws Exception {
        // Strings long enough for the plain copy, with one character of every kind at every place: what the
        // encoder writes must be what Jackson's own writeString writes.
        com.fasterxml.jackson.core.JsonFactory factory = JsonCodec.FACTORY;
        String[] specials = {"\"", "\\", "\n", "\u0000", "\u001f", "\u007f", "\u0080", "\u00e9", "\u20ac",
                "\ud83d\ude00", "\ud83d", "\ude00", "?", "?\ud83d", "/", "<", " ", "~"};
        for (int length = PlainJsonWriter.PLAIN_COPY_MIN_LENGTH - 1; length <= 70; length += 7) {
            for (String special : specials) {
                for (int at = 0; at < length; at++) {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        text.append(i == at ? special : String.valueOf((char) ('a' + i % 26)));
                    }
                    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
                    try (com.fasterxml.jackson.core.JsonGenerator generator = factory.createGenerator(expected)) {
                        generator.writeString(text.toString());
                    }
                    assertArrayEquals(text.toString(), expected.toByteArray(), encoder.encode(text.toString()));
                    // Beside a value only the generator writes (beyond ASCII), the whole map is the generator's.
                    java.io.ByteArrayOutputStream expectedMap = new java.io.ByteArrayOutputStream();
                    try (com.fasterxml.jackson.core.JsonGenerator generator = factory.createGenerator(expectedMap)) {
                        generator.writeStartObject();
                        generator.writeStringField("s", text.toString());
                        generator.writeStringField("x", "\u00e9");
                        generator.writeEndObject();
                    }
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("s", text.toString());
                    map.put("x", "\u00e9");
                    assertArrayEquals(text.toString(), expectedMap.toByteArray(), encoder.encode(map));
                }
            }
        }
    }

    /** A key repeated after nine members, in a record that follows one with the same keys (found in review). */
    @Test
    public void aKeyRepeatedLateInARecordWithTheKeysOfTheOneBeforeIsStillOneMember() throws Exception {
        StringBuilder first = new StringBuilder("{");
        StringBuilder second = new StringBuilder("{");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            first.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            if (i < 9) {
                second.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
                expected.put("k" + i, (long) i);
            }
        }
        second.append(",\"k0\":100,\"k9\":9,\"k9\":10,\"k\u0039\":11}");
        expected.put("k0", 100L);
        expected.put("k9", 11L);
        for (int round = 0; round < 2; round++) {
            decode(first + "}");
            // Twice: once read by the plain reader, once (the escaped key) by Jackson.
            Map<?, ?> map = (Map<?, ?>) decode(round == 0 ? second.toString().replace(",\"k\\u0039\":11", ",\"k9\":11")
                    : second.toString());
            assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(map.entrySet()));
            assertEquals(11L, map.get("k9"));
            assertEquals(new String(encoder.encode(expected), StandardCharsets.UTF_8),
                    new String(encoder.encode(map), StandardCharsets.UTF_8));
        }
    }

    @Test
    public void aRecordMuchLargerThanTheOthersDoesNotSizeTheNextMaps() throws Exception {
        StringBuilder big = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            big.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertEquals(10_000, ((Map<?, ?>) decode(big.append('}').toString())).size());
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertEquals(200, ((Map<?, ?>) decode(wide.append('}').toString())).size());
        Object small = decode("{\"a\":1}");
        assertEquals(Map.of("a", 1L), small);
        // Its keys are its own: the big record did not lend it an array of 10,000.
        assertTrue(((ArrayMap<?, ?>) small).shareKeys().length < 100);
        assertEquals(Map.of("a", 2L, "b", 3L), decode("{\"a\":2,\"b\":3}"));
    }

    @Test
    public void refusesOptions() {
        assertThrows(IllegalArgumentException.class, () -> new JsonCodec().decoder(Map.of("pretty", true)));
    }
}
