package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.processor.Base64PreprocessorFactory;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

public class MsgpackCodecTest {
    private final Decoder decoder = new MsgpackCodec().decoder(Map.of());
    private final Encoder encoder = new MsgpackCodec().encoder(Map.of());

    private Object roundTrip(Object value) throws CodecException {
        byte[] b = encoder.encode(value);
        return decoder.decode(b, 0, b.length);
    }

    private interface Packing {
        void pack(MessageBufferPacker p) throws Exception;
    }

    private static byte[] packed(Packing packing) throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        packing.pack(p);
        return p.toByteArray();
    }

    private Object decode(byte[] b) throws CodecException {
        return decoder.decode(b, 0, b.length);
    }

    @Test
    public void tremorMsgpackLinesThroughSeparateAndBase64GiveTheSameValuesAsTheJsonFile() throws Exception {
        List<Object> fromJson = new ArrayList<>();
        Decoder json = new JsonCodec().decoder(Map.of());
        for (byte[] line : TremorData.lines("data.json.xz")) {
            fromJson.add(json.decode(line, 0, line.length));
        }
        Processor separate = new SeparatePreprocessorFactory().create(Map.of());
        Processor base64 = new Base64PreprocessorFactory().create(Map.of());
        List<Object> fromMsgpack = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        byte[] file = TremorData.bytes("data.msgpack.xz");
        separate.process(file, 0, file.length, (d, o, l) -> {
            try {
                base64.process(d, o, l, (d2, o2, l2) -> {
                    try {
                        fromMsgpack.add(decoder.decode(d2, o2, l2));
                    } catch (CodecException e) {
                        errors.add(e);
                    }
                });
            } catch (Exception e) {
                errors.add(e);
            }
        });
        separate.finish((d, o, l) -> errors.add(new IllegalStateException("unterminated last line")));
        assertEquals(List.of(), errors);
        assertEquals(100, fromMsgpack.size());
        assertEquals(fromJson, fromMsgpack);
        for (Object value : fromMsgpack) {
            assertEquals(value, roundTrip(value));
        }
    }

    @Test
    public void roundTripsEveryType() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("nil", null);
        value.put("t", true);
        value.put("small", 7L);
        value.put("negative", -100000L);
        value.put("min", Long.MIN_VALUE);
        value.put("max", Long.MAX_VALUE);
        value.put("double", 2.5);
        value.put("nan", Double.NaN);
        value.put("string", "héllo");
        value.put("list", Arrays.asList(1L, "two", null, List.of()));
        value.put("map", Map.of("k", Map.of()));
        Object decoded = roundTrip(value);
        assertEquals(value, decoded);
        byte[] bytes = {0, 1, (byte) 0xff};
        assertArrayEquals(bytes, (byte[]) roundTrip(bytes));
        assertEquals(3L, roundTrip(3));
        assertEquals(1.5, roundTrip(1.5f));
        assertEquals(5L, roundTrip(BigInteger.valueOf(5)));
    }

    @Test
    public void timestampsOutsideTheSpecOrTheRangeAreCodecErrors() throws Exception {
        // timestamp 32, 64 and 96 read as the spec lays them out
        assertEquals(7_000_000_000L, decode(hex("d6 ff 00000007")));
        assertEquals(7_000_000_005L, decode(hex("d7 ff 00000014 00000007")));
        assertEquals(-1_000_000_000L + 5, decode(hex("c7 0c ff 00000005 ffffffffffffffff")));
        // seconds beyond what epoch nanoseconds (and Instant) hold
        CodecException far = assertThrows(CodecException.class, () -> decode(hex("c7 0c ff 00000000 7fffffffffffffff")));
        assertTrue(far.getMessage(), far.getMessage().contains("beyond the range"));
        // nanoseconds beyond 999,999,999, which Instant would have carried into the seconds
        CodecException nanos = assertThrows(CodecException.class, () -> decode(hex("c7 0c ff ffffffff 0000000000000001")));
        assertTrue(nanos.getMessage(), nanos.getMessage().contains("nanoseconds 4294967295"));
        assertThrows(CodecException.class, () -> decode(hex("c7 05 ff 0000000000")));
    }

    private static byte[] hex(String text) {
        String digits = text.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    @Test
    public void readsWhatJsonHasNoWordFor() throws Exception {
        assertEquals(1.8446744073709552E19, decode(packed(p -> p.packBigInteger(new BigInteger("18446744073709551615")))));
        assertEquals(1L << 62, decode(packed(p -> p.packBigInteger(BigInteger.ONE.shiftLeft(62)))));
        assertEquals(1_500_000_000_123_456_789L, decode(packed(p -> p.packTimestamp(Instant.ofEpochSecond(1_500_000_000L, 123_456_789)))));
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("1", "int");
        keys.put("true", "bool");
        keys.put("null", "nil");
        assertEquals(keys, decode(packed(p -> {
            p.packMapHeader(3);
            p.packInt(1).packString("int");
            p.packBoolean(true).packString("bool");
            p.packNil().packString("nil");
        })));
    }

    @Test
    public void rejectsMalformedRecordsWithoutAllocatingWhatTheyAnnounce() throws Exception {
        byte[] good = encoder.encode(Map.of("a", List.of(1L, 2L, "three")));
        Object[][] cases = {
            {new byte[0], "msgpack: empty record"},
            {Arrays.copyOf(good, good.length - 2), null},
            {TremorData.concat(good, new byte[] {1}), "msgpack: 1 unexpected bytes after the value"},
            {new byte[] {(byte) 0xdd, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, null},
            {new byte[] {(byte) 0xdf, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, null},
            {new byte[] {(byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1}, null},
            {new byte[] {(byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'}, null},
            {new byte[] {(byte) 0xa2, (byte) 0xc3, 0x28}, "msgpack: a string is not valid UTF-8"},
            {new byte[] {(byte) 0xc1}, null},
            {new byte[] {(byte) 0xd4, 5, 0}, "msgpack: unsupported extension type 5"},
            {new byte[] {(byte) 0x81, (byte) 0x90, 1}, "msgpack: a map key of type array cannot become a string"},
        };
        for (Object[] c : cases) {
            byte[] bad = (byte[]) c[0];
            CodecException e = assertThrows(Arrays.toString(bad), CodecException.class, () -> decode(bad));
            if (c[1] != null) {
                assertEquals(c[1], e.getMessage());
            } else {
                assertTrue(e.getMessage(), e.getMessage().startsWith("msgpack: "));
            }
        }
        assertEquals(Map.of("a", List.of(1L, 2L, "three")), decode(good));
    }

    @Test
    public void refusesWhatItCannotRepresentAndStaysUsable() throws Exception {
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "x");
        Map<String, Object> cycle = new HashMap<>();
        cycle.put("self", cycle);
        assertEquals("msgpack: cannot encode a map key of type java.lang.Integer, keys must be strings",
                assertThrows(CodecException.class, () -> encoder.encode(intKey)).getMessage());
        assertEquals("msgpack: cannot encode a value of type java.lang.Object",
                assertThrows(CodecException.class, () -> encoder.encode(List.of(new Object()))).getMessage());
        assertTrue(assertThrows(CodecException.class, () -> encoder.encode(BigInteger.ONE.shiftLeft(64))).getMessage().contains("beyond 64 bits"));
        assertTrue(assertThrows(CodecException.class, () -> encoder.encode(cycle)).getMessage().contains("nested more than"));
        assertEquals("ok", roundTrip("ok"));
    }
}
