package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.Test;

import io.weir.api.codec.CodecException;

/**
 * The json encoder writes most values with {@link PlainJsonWriter} and the rest with Jackson's generator: every
 * value must come out byte for byte as the generator alone writes it, or fail with the same message.
 */
public class PlainJsonWriterTest {
    private final JsonEncoder encoder = new JsonEncoder("json", JsonCodec.FACTORY);
    private final JsonEncoder jacksonOnly = new JsonEncoder("json", JsonCodec.FACTORY);
    private final PlainJsonWriter writer = new PlainJsonWriter();
    private int writtenPlainly;

    @Test
    public void valuesOfEveryKindComeOutAsJacksonWritesThem() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("ts", 1700000000000L);
        event.put("host", "host-07");
        event.put("severity", "info");
        event.put("msg", "a \"quoted\" back\\slash / slash");
        event.put("n", 42);
        event.put("proc", "weir");
        Object[] values = {event, "", "text", 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 7, (short) 3, (byte) -2, 0.0,
            -0.0, 1.5, 1e-7, 1e21, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE, true, false, null, List.of(),
            Map.of(), List.of(1L, "a", List.of(Map.of("k", 2.5))), Set.of("x"), new TreeMap<>(Map.of("b", 1L, "a", 2L)),
            "tab\t", "nl\n", "\u0000", "\u001f", "\u007f", "é", "日本", "😀", "\ud83d", "\ude00x", 1.5f, Float.NaN,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, new byte[] {1, 2, 3},
            new BigInteger("123456789012345678901234567890"), new BigDecimal("1.10"), new Object(),
            Map.of(1, "int key"), mapOf("k\"ey", 1L), mapOf("k\\ey", 1L), mapOf("ké", 1L), mapOf("k\n", 1L),
            mapOf("\ud83d", 1L), mapOf("", 1L)};
        for (Object value : values) {
            same(value);
        }
        assertTrue("the plain writer wrote some of them: " + writtenPlainly, writtenPlainly > 25);
    }

    @Test
    public void wholeNumbersAtEveryNumberOfDigitsComeOutAsJacksonWritesThem() {
        List<Object> numbers = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE,
                Integer.MIN_VALUE, Integer.MAX_VALUE, Short.MIN_VALUE, Byte.MIN_VALUE, 0, 0L));
        for (long power = 1; ; power *= 10) {
            for (long near = power - 1; near <= power + 1; near++) {
                numbers.add(near);
                numbers.add(-near);
            }
            if (power > Long.MAX_VALUE / 10) {
                break;
            }
        }
        int before = writtenPlainly;
        for (Object number : numbers) {
            same(number);
            same(List.of(number, number));
        }
        assertEquals("all written by the plain writer", numbers.size() * 2, writtenPlainly - before);
    }

    @Test
    public void nestingUpToTheLimitAndBeyond() {
        for (int depth : new int[] {1, 999, 1000, 1001}) {
            Object value = 1L;
            for (int i = 0; i < depth; i++) {
                value = List.of(value);
            }
            same(value);
            Object map = 1L;
            for (int i = 0; i < depth; i++) {
                map = Map.of("a", map);
            }
            same(map);
        }
    }

    @Test
    public void aValueItCannotWriteLeavesNothingBehindForTheNext() {
        assertNull(writer.write(List.of("ok", "é")));
        assertArrayEquals("[\"ok\"]".getBytes(StandardCharsets.UTF_8), writer.write(List.of("ok")));
        assertNull(writer.write(mapOf("é", 1L)));
        byte[] plain = writer.write(mapOf("a", 1L));
        assertNotNull(plain);
        assertEquals("{\"a\":1}", new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    public void manyKeysAndLongKeys() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < JsonEncoder.MAX_KEYS + 50; i++) {
            many.put("key" + i, i);
        }
        many.put("x".repeat(JsonEncoder.MAX_KEY_LENGTH + 1), "long");
        for (int round = 0; round < 3; round++) {
            same(many);
        }
    }

    @Test
    public void recordsThatMoveReplaceOrOutgrowThePreviousRecordsKeysComeOutAsJacksonWritesThem() {
        String[] names = new String[PlainJsonWriter.TRACE_KEYS + 40];
        for (int i = 0; i < names.length; i++) {
            // Some keys need escaping: a key found at its place must come out escaped as well.
            names[i] = i % 10 == 3 ? "q\"uote" + i : i % 10 == 7 ? "back\\slash" + i : "field" + i;
        }
        Random random = new Random(11);
        int records = 2_000;
        int before = writtenPlainly;
        for (int record = 0; record < records; record++) {
            // The same key instances, as a decoder hands them out, in orders that mostly repeat and sometimes shift.
            Map<String, Object> top = new LinkedHashMap<>();
            int first = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
            int count = random.nextInt(10) == 0 ? names.length - first : 1 + random.nextInt(12);
            for (int i = first; i < first + count; i++) {
                top.put(names[i], random.nextInt(8) == 0 ? Map.of(names[(i * 7) % names.length], (long) i) : "v" + i);
            }
            if (random.nextInt(20) == 0) {
                // A record the plain writer gives up on halfway, at a value or at a key; the next ones reuse its keys.
                top.put(names[random.nextInt(names.length)], random.nextBoolean() ? 1.5f : "é");
                top.put(random.nextBoolean() ? "ké" : names[random.nextInt(names.length)], 1L);
            }
            if (random.nextInt(20) == 0) {
                top.put("x".repeat(JsonEncoder.MAX_KEY_LENGTH + 1), 2L);
            }
            same(top);
        }
        assertTrue("most written by the plain writer: " + (writtenPlainly - before),
                writtenPlainly - before > records * 8 / 10);
    }

    @Test
    public void randomValuesComeOutAsJacksonWritesThem() {
        Random random = new Random(20261122);
        int cases = 100_000;
        for (int i = 0; i < cases; i++) {
            same(randomValue(random, 0));
        }
        assertTrue("the plain writer wrote a good part of them: " + writtenPlainly, writtenPlainly > cases / 5);
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    private void same(Object value) {
        String shown = String.valueOf(value);
        shown = shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
        byte[] expected = null;
        String expectedError = null;
        try {
            expected = jacksonOnly.encodeWithJackson(value);
        } catch (CodecException e) {
            expectedError = e.getMessage();
        }
        byte[] actual = null;
        String actualError = null;
        try {
            actual = encoder.encode(value);
        } catch (CodecException e) {
            actualError = e.getMessage();
        }
        assertEquals("error for " + shown, expectedError, actualError);
        if (expected != null) {
            assertEquals(shown, new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
            assertArrayEquals(shown, expected, actual);
        }
        if (writer.write(value) != null) {
            writtenPlainly++;
        }
    }

    private static final String[] TEXTS = {"", "a", "host-01", "info", "with space", "q\"uote", "back\\slash",
        "sl/ash", "tab\t", "\n", "\u0001", "\u007f", "é", "😀", "\ud83d", "日本語", "{}", "[]", "null", "?",
        // 32 characters or more: written in one copy when plain
        "a plain text of thirty-two chars", "what? a long text with a question mark", "a long text with a \"quote\" in it",
        "a long text with a \\backslash\\ in it", "a long text with a DEL \u007f in it!!"};
    private static final Object[] SCALARS = {0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 17, (short) 5, (byte) 1,
        0.0, -0.0, 0.1, 2.5, -3.75e-5, 1e300, 4.9e-324, 1.7976931348623157e308, Double.NaN, true, false, null,
        1.25f, new byte[] {0, (byte) 255}, BigInteger.TEN, new BigDecimal("0.10")};

    private static Object randomValue(Random random, int depth) {
        int kind = depth >= 4 ? 2 + random.nextInt(2) : random.nextInt(4);
        switch (kind) {
            case 0: {
                Map<Object, Object> map = random.nextInt(4) == 0 ? new HashMap<>() : new LinkedHashMap<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    Object key = random.nextInt(40) == 0 ? (Object) i : TEXTS[random.nextInt(TEXTS.length)];
                    map.put(key, randomValue(random, depth + 1));
                }
                return map;
            }
            case 1: {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
            case 2: {
                StringBuilder text = new StringBuilder();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    text.append(TEXTS[random.nextInt(TEXTS.length)]);
                }
                return text.toString();
            }
            default:
                return random.nextInt(3) == 0 ? (Object) random.nextLong()
                        : random.nextInt(3) == 0 ? (Object) (random.nextDouble() * Math.pow(10, random.nextInt(40) - 20))
                        : SCALARS[random.nextInt(SCALARS.length)];
        }
    }
}
