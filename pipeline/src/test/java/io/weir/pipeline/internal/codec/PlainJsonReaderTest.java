package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

import io.weir.api.codec.CodecException;

/**
 * The json decoder reads most records with {@link PlainJsonReader} and the rest with Jackson: every record must
 * come out exactly as Jackson alone reads it — the same values of the same types in the same key order, or the
 * same error.
 */
public class PlainJsonReaderTest {
    private static final Object[] NO_KEYS = {};
    private final JsonDecoder decoder = new JsonDecoder(JsonCodec.FACTORY);
    private final JsonDecoder jacksonOnly = new JsonDecoder(JsonCodec.FACTORY);
    private final PlainJsonReader reader = new PlainJsonReader();
    private int readPlainly;

    @Test
    public void trickyRecordsComeOutAsJacksonReadsThem() {
        String[] records = {
            "{}", "[]", "{\"a\":1}", " {\"a\" : [1, 2.5, -0, -0.0, 0, 1e5, 1E+5, 1e-5, -1.5e-3, true, false, null]} ",
            "7", "-7", "\"text\"", "null", "true", "false", "0", "-0", "0.0", "1.0", "123456789012345678",
            "-123456789012345678", "1234567890123456789", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "99999999999999999999999", "1e400", "-1e400", "1e-400", "01", "-01", "00.5",
            "1.", ".5", "-", "+1", "1e", "1e+", "1.5e", "NaN", "Infinity", "-Infinity", "tru", "truex", "true1",
            "nul", "nullx", "[true\"a\"]", "[1,]", "{\"a\":1,}", "{,}", "[,]", "{\"a\"}", "{\"a\":}", "{a:1}",
            "{'a':1}", "['a']", "\"a", "\"a\\", "\"a\\u12\"", "\"a\\u12g4\"", "\"\\x\"", "\"\\u0000\"",
            "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"tab\there\"", "\"nl\nhere\"",
            "\"é\"", "{\"é\":1}", "{\"\\u00e9\":1}", "{\"a\\\"b\":1}", "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"a\":3}",
            "{} {}", "1 2", "[1] x", "{\"a\":1}x", "\u000b1", "1\u000b", "\f1", "// c\n1", "/* c */1", "[1]/",
            "\ufeff{}", "", " ", "\n", "[", "]", "{", "}", ":", ",", "[[[]]]", "{\"a\":{\"b\":{\"c\":[{}]}}}",
            "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[-]", "[-a]", "[0x10]", "[1.5.5]", "[1e5e5]", "[1-2]",
        };
        for (String record : records) {
            same(record.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue("the plain reader read some of them: " + readPlainly, readPlainly > 20);
    }

    @Test
    public void keysAreTheInternedStringsOperatorsLookUp() throws CodecException {
        String level = new String("level".toCharArray()).intern();
        // The plain reader, then Jackson (a value beyond ASCII): both give the key operators and expressions use.
        for (String record : List.of("{\"level\":\"info\"}", "{\"level\":\"débug\"}")) {
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2; i++) {
                Map<?, ?> map = (Map<?, ?>) decoder.decode(bytes, 0, bytes.length);
                assertSame(record, level, map.keySet().iterator().next());
            }
        }
    }

    @Test
    public void tremorsRecordsComeOutAsJacksonReadsThem() {
        List<byte[]> lines = TremorData.lines("data.json.xz");
        for (byte[] line : lines) {
            same(line);
        }
        assertEquals("Tremor's records are plain JSON: none needs a Jackson parser", lines.size(), readPlainly);
    }

    @Test
    public void nestingUpToJacksonsLimitAndBeyond() {
        for (int depth : new int[] {1, 999, 1000, 1001, 1002}) {
            same(("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            same(("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void longNamesStringsAndNumbers() {
        same(("{\"" + "k".repeat(50_000) + "\":1}").getBytes(StandardCharsets.UTF_8));
        same(("{\"" + "k".repeat(50_001) + "\":1}").getBytes(StandardCharsets.UTF_8));
        same(("{\"" + "k".repeat(49_999) + "\\n\":1}").getBytes(StandardCharsets.UTF_8));
        same(("{\"" + "k".repeat(50_000) + "\\n\":1}").getBytes(StandardCharsets.UTF_8));
        same(("1." + "5".repeat(998)).getBytes(StandardCharsets.UTF_8));
        same(("1." + "5".repeat(999)).getBytes(StandardCharsets.UTF_8));
        same(("\"" + "s".repeat(100_000) + "\"").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void keysAreSharedBetweenRecords() {
        Map<?, ?> first = (Map<?, ?>) reader.read(bytes("{\"host\":1}"), 0, 10, NO_KEYS);
        Map<?, ?> second = (Map<?, ?>) reader.read(bytes("{\"host\":2}"), 0, 10, NO_KEYS);
        assertSame(first.keySet().iterator().next(), second.keySet().iterator().next());
        Map<?, ?> escapedKey = (Map<?, ?>) reader.read(bytes("{\"ho\\u0073t\":2}"), 0, 15, NO_KEYS);
        Object escaped = escapedKey.keySet().iterator().next();
        assertEquals("host", escaped);
        assertNotSame(first.keySet().iterator().next(), escaped);
    }

    @Test
    public void topLevelKeysExpectedByPlaceNeverStandInForOthers() {
        // One decoder for all: each record's keys are first compared with the previous record's at each place.
        String[] records = {"{\"ab\":1,\"cd\":2}", "{\"abc\":1,\"cd\":2}", "{\"a\":1,\"cd\":2}", "{\"ab\":1,\"cd\":2}",
                "{\"cd\":1,\"ab\":2}", "{\"a\\u0062\":1,\"cd\":2}", "{\"ab\":1,\"cd\":2}", "{\"ab\" :1, \"cd\":{\"ab\":3}}",
                "{\"ab\":1,\"ab\":2}", "{\"ab\":1,\"cd\":2,\"ef\":3}", "{\"ab\":1}", "{\"ab\":1,\"cd\":2,\"ef\":3}",
                "{\"ab\":1,\"c\u00e9\":2}", "{\"ab\":1,\"cd\":2}", "{\"ab", "{\"ab\"", "{\"ab\":1,\"cd"};
        for (int round = 0; round < 3; round++) {
            for (String record : records) {
                same(bytes(record));
            }
        }
        // Many members: beyond the places remembered, keys come from the table as before.
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        String record = wide.append('}').toString();
        same(bytes(record));
        same(bytes(record));
        same(bytes(record.replace("k7", "k77")));
    }

    @Test
    public void namesAreLimitedInUtf8BytesAsJacksonLimitsThem() {
        // 50,000 characters but 50,001 bytes: Jackson refuses it, so must the reader.
        same(bytes("{\"" + "k".repeat(49_999) + "\\u00e9\":1}"));
        same(bytes("{\"" + "k".repeat(49_998) + "\\u00e9\":1}"));
        same(bytes("{\"" + "k".repeat(49_997) + "\\u20ac\":1}"));
        same(bytes("{\"" + "k".repeat(49_998) + "\\u20ac\":1}"));
    }

    @Test
    public void longTokensCutShortInsideALargerBufferAreLeftToJackson() {
        byte[] buffer = bytes("xx\"abcdefghijklmnop\"yy");
        for (int length = 1; length <= 20; length++) {
            same(buffer, 2, length);
        }
        byte[] keyed = bytes("xx{\"abcdefghijklmnop\":\"qrstuvwxyz0123456\"}yy");
        for (int length = 1; length <= keyed.length - 4; length++) {
            same(keyed, 2, length);
        }
    }

    @Test
    public void aRecordInsideALargerBufferIsReadWithinItsBounds() {
        byte[] buffer = bytes("xx{\"a\":[1,2]}yy");
        same(buffer, 2, 11);
        same(buffer, 2, 10);
        same(buffer, 3, 10);
    }

    @Test
    public void randomRecordsAndTheirMutationsComeOutAsJacksonReadsThem() {
        Random random = new Random(20261122);
        int cases = 200_000;
        for (int i = 0; i < cases; i++) {
            StringBuilder json = new StringBuilder();
            writeValue(random, json, 0);
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(3) == 0) {
                bytes = mutate(random, bytes);
            }
            same(bytes);
        }
        assertTrue("the plain reader read a good part of them: " + readPlainly, readPlainly > cases / 5);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void same(byte[] bytes) {
        same(bytes, 0, bytes.length);
    }

    private void same(byte[] bytes, int offset, int length) {
        String record = new String(bytes, offset, length, StandardCharsets.UTF_8);
        String shown = record.length() > 200 ? record.substring(0, 200) + "..." : record;
        Object expected = null;
        String expectedError = null;
        try {
            expected = jacksonOnly.decodeWithJackson(bytes, offset, length);
        } catch (CodecException e) {
            expectedError = e.getMessage();
        }
        Object actual = null;
        String actualError = null;
        try {
            actual = decoder.decode(bytes, offset, length);
        } catch (CodecException e) {
            actualError = e.getMessage();
        }
        assertEquals("error for " + shown, expectedError, actualError);
        if (expectedError == null) {
            assertSameValue(shown, expected, actual);
        }
        if (reader.read(bytes, offset, length, NO_KEYS) != PlainJsonReader.UNSURE) {
            readPlainly++;
        }
    }

    /** Equal values of the same classes, maps with the same keys in the same order. */
    private static void assertSameValue(String record, Object expected, Object actual) {
        if (expected == null || actual == null) {
            assertSame(record, expected, actual);
            return;
        }
        assertEquals(record, expected.getClass(), actual.getClass());
        if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            assertEquals(record, new ArrayList<>(map.keySet()), new ArrayList<>(other.keySet()));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                assertSameValue(record, entry.getValue(), other.get(entry.getKey()));
            }
        } else if (expected instanceof List<?> list) {
            List<?> other = (List<?>) actual;
            assertEquals(record, list.size(), other.size());
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(record, list.get(i), other.get(i));
            }
        } else {
            assertEquals(record, expected, actual);
        }
    }

    private static final String[] KEYS = {"ts", "host", "level", "msg", "n", "a\\\"b", "\\u00e9t\\u00e9", "été", "",
        "k\\n", "\\ud83d\\ude00", "x", "de\u007fl", "a-key-of-seventeen", "ab\\\"c", "ab"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "42", "0.5", "-0.5", "1e5", "1E5", "1e+5", "1e-5",
        "-2.5E-3", "123456789012345678", "-123456789012345678", "1234567890123456789", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "18446744073709551616", "1e308", "1e309", "4.9e-324", "1e-400",
        "3.141592653589793", "0.1", "100", "1700000000000"};
    private static final String[] STRING_PARTS = {"a", "b", "Z", "0", " ", "word ", "\\\"", "\\\\", "\\/", "\\b", "\\f",
        "\\n", "\\r", "\\t", "\\u0001", "\\u00e9", "\\uD83D\\uDE00", "\\ud83d", "é", "😀", "日本", "~", "{", "}", "[", "]",
        ":", ",", "\u007f", "abcdefghijklmnop", "0123456789 plain text of some length"};
    private static final String[] SPACES = {"", "", "", " ", "\n", "\t", "\r\n", "  "};

    private static void writeValue(Random random, StringBuilder out, int depth) {
        int kind = depth >= 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(space(random)).append('"').append(KEYS[random.nextInt(KEYS.length)]).append('"')
                            .append(space(random)).append(':').append(space(random));
                    writeValue(random, out, depth + 1);
                    out.append(space(random));
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(space(random));
                    writeValue(random, out, depth + 1);
                    out.append(space(random));
                }
                out.append(']');
            }
            case 2 -> {
                out.append('"');
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    out.append(STRING_PARTS[random.nextInt(STRING_PARTS.length)]);
                }
                out.append('"');
            }
            case 3 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 4 -> out.append(random.nextBoolean() ? "true" : "false");
            default -> out.append(random.nextInt(4) == 0 ? Long.toString(random.nextLong()) : "null");
        }
    }

    private static String space(Random random) {
        return SPACES[random.nextInt(SPACES.length)];
    }

    private static final byte[] INSERTS = {',', ']', '}', '[', '{', '"', '\\', 'x', '0', '5', '-', '+', '.', 'e', 'E',
        0, (byte) 0x80, (byte) 0xC3, (byte) 0xFF, ' ', '\n', 0x0B, '/', ':', 'u', 't', 'n'};

    private static byte[] mutate(Random random, byte[] bytes) {
        if (bytes.length == 0) {
            return new byte[] {INSERTS[random.nextInt(INSERTS.length)]};
        }
        int at = random.nextInt(bytes.length);
        byte[] out;
        switch (random.nextInt(4)) {
            case 0 -> {
                out = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
            }
            case 1 -> {
                out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = INSERTS[random.nextInt(INSERTS.length)];
                System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
            }
            case 2 -> {
                out = bytes.clone();
                out[at] = INSERTS[random.nextInt(INSERTS.length)];
            }
            default -> out = java.util.Arrays.copyOf(bytes, at);
        }
        return out;
    }

    @Test
    public void aRecordThatIsNotPlainIsNotReadPlainly() {
        for (String record : new String[] {"\"é\"", "01", "[1,]", "", "1234567890123456789", "1e400"}) {
            byte[] data = bytes(record);
            if (reader.read(data, 0, data.length, NO_KEYS) != PlainJsonReader.UNSURE) {
                fail("read plainly: " + record);
            }
        }
    }
}
