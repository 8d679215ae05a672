package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;

public class StringBinaryCsvCodecTest {
    private static final byte[] INVALID_UTF8 = {'a', (byte) 0xc3, (byte) 0x28, 'b'};

    private static Object decode(Decoder d, String text) throws CodecException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return d.decode(b, 0, b.length);
    }

    @Test
    public void stringDecodesUtf8StrictlyByDefault() throws Exception {
        Decoder d = new StringCodec().decoder(Map.of());
        assertEquals("plain ascii", decode(d, "plain ascii"));
        assertEquals("ünïcødé ✓ 😀", decode(d, "ünïcødé ✓ 😀"));
        assertEquals("", decode(d, ""));
        CodecException e = assertThrows(CodecException.class, () -> d.decode(INVALID_UTF8, 0, INVALID_UTF8.length));
        assertTrue(e.getMessage(), e.getMessage().startsWith("string: invalid UTF-8"));
        assertEquals("after", decode(d, "after"));
        byte[] truncated = Arrays.copyOf("é".getBytes(StandardCharsets.UTF_8), 1);
        assertThrows(CodecException.class, () -> d.decode(truncated, 0, 1));
    }

    @Test
    public void stringReplacesInvalidUtf8WhenLossy() throws Exception {
        Decoder d = new StringCodec().decoder(Map.of("lossy", "true"));
        assertEquals("a\uFFFD(b", d.decode(INVALID_UTF8, 0, INVALID_UTF8.length));
        assertEquals("strict: option 'lossy' must be true or false, got 'maybe'".replace("strict", "string"),
                assertThrows(IllegalArgumentException.class, () -> new StringCodec().decoder(Map.of("lossy", "maybe"))).getMessage());
    }

    @Test
    public void stringRoundTripsTheTremorFilesLineByLine() throws Exception {
        Decoder d = new StringCodec().decoder(Map.of());
        Encoder e = new StringCodec().encoder(Map.of());
        for (String file : List.of("data.json.xz", "data.influx.xz", "data.msgpack.xz")) {
            for (byte[] line : TremorData.lines(file)) {
                assertArrayEquals(line, e.encode(d.decode(line, 0, line.length)));
            }
        }
    }

    @Test
    public void stringEncodesOtherValuesAsJson() throws Exception {
        Encoder e = new StringCodec().encoder(Map.of());
        assertEquals("{\"a\":[1,true]}", new String(e.encode(Map.of("a", List.of(1L, true))), StandardCharsets.UTF_8));
        assertEquals("42", new String(e.encode(42L), StandardCharsets.UTF_8));
        assertEquals("null", new String(e.encode(null), StandardCharsets.UTF_8));
        CodecException x = assertThrows(CodecException.class, () -> e.encode(Double.NaN));
        assertTrue(x.getMessage().startsWith("string: "));
    }

    @Test
    public void binaryPassesBytesThroughAndCopiesThem() throws Exception {
        Decoder d = new BinaryCodec().decoder(Map.of());
        byte[] buffer = {9, 1, 2, 3, 9};
        byte[] decoded = (byte[]) d.decode(buffer, 1, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, decoded);
        buffer[1] = 7;
        assertEquals(1, decoded[0]);
        Encoder e = new BinaryCodec().encoder(Map.of());
        byte[] value = {4, 5};
        byte[] encoded = e.encode(value);
        assertArrayEquals(value, encoded);
        assertNotSame(value, encoded);
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), e.encode("é"));
        assertEquals("binary: cannot encode a value of type java.lang.Long, only bytes and strings",
                assertThrows(CodecException.class, () -> e.encode(1L)).getMessage());
        assertThrows(CodecException.class, () -> e.encode(null));
    }

    @Test
    public void csvDecodesOneRecordWithQuotesEscapesAndEmptyFields() throws Exception {
        Decoder d = new CsvCodec().decoder(Map.of());
        assertEquals(List.of("a", "b,c", "d\"e", "", " f "), decode(d, "a,\"b,c\",\"d\"\"e\",, f "));
        assertEquals(List.of("multi\nline", "x"), decode(d, "\"multi\nline\",x"));
        assertEquals(List.of("a", "b"), decode(d, "a,b\r\n"));
        assertEquals(List.of(), decode(d, ""));
        assertEquals(List.of("é"), decode(d, "é"));
    }

    @Test
    public void csvTakesSeparatorAndQuoteOptions() throws Exception {
        Decoder d = new CsvCodec().decoder(Map.of("separator", "\\t", "quote", "'"));
        assertEquals(List.of("a", "b\tc", "d,e"), decode(d, "a\t'b\tc'\td,e"));
        Decoder semicolon = new CsvCodec().decoder(Map.of("separator", ";"));
        assertEquals(List.of("1", "2"), decode(semicolon, "1;2"));
        assertEquals("csv: option 'quote' must differ from the separator and from line ends, got ','",
                assertThrows(IllegalArgumentException.class, () -> new CsvCodec().decoder(Map.of("quote", ","))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CsvCodec().decoder(Map.of("separator", "ab")));
    }

    @Test
    public void csvRejectsMalformedRecordsAndSeveralRecordsInOneFrame() throws Exception {
        Decoder d = new CsvCodec().decoder(Map.of());
        CodecException e = assertThrows(CodecException.class, () -> decode(d, "\"unterminated"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("csv: "));
        e = assertThrows(CodecException.class, () -> decode(d, "a,b\nc,d"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("csv: more than one record"));
        assertEquals(List.of("ok"), decode(d, "ok"));
    }

    @Test
    public void csvEncodesAListQuotingOnlyWhereNeededAndRoundTrips() throws Exception {
        Encoder e = new CsvCodec().encoder(Map.of());
        List<Object> record = Arrays.asList("a", "b,c", "q\"x", 1L, 2.5, true, null, "a long field with no special characters at all", "line\nend");
        String encoded = new String(e.encode(record), StandardCharsets.UTF_8);
        assertEquals("a,\"b,c\",\"q\"\"x\",1,2.5,true,,a long field with no special characters at all,\"line\nend\"", encoded);
        assertEquals(List.of("a", "b,c", "q\"x", "1", "2.5", "true", "", "a long field with no special characters at all", "line\nend"),
                decode(new CsvCodec().decoder(Map.of()), encoded));
        assertEquals("", new String(e.encode(List.of()), StandardCharsets.UTF_8));
    }

    @Test
    public void csvRefusesWhatIsNotAFlatList() throws Exception {
        Encoder e = new CsvCodec().encoder(Map.of());
        assertEquals("csv: cannot encode a value of type java.lang.String, only a list of fields",
                assertThrows(CodecException.class, () -> e.encode("a,b")).getMessage());
        assertEquals("csv: cannot encode field 1 of type java.util.ImmutableCollections$MapN, only strings, numbers, booleans and null",
                assertThrows(CodecException.class, () -> e.encode(List.of("a", Map.of()))).getMessage());
        assertEquals("x,y", new String(e.encode(List.of("x", "y")), StandardCharsets.UTF_8));
    }
}
