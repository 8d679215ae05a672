package io.weir.pipeline.internal.processor;

import static io.weir.pipeline.internal.processor.ProcessorHarness.assertFrames;
import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

public class PostprocessorTest {

    /** Runs records through a postprocessor and returns the concatenated output. */
    static byte[] postprocess(Processor p, String... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<String> frame : frames(p, records)) {
            out.writeBytes(bytes(frame.get(0)));
        }
        return out.toByteArray();
    }

    /** @return each frame the postprocessor handed on (as a one-element list, to compare easily) */
    static List<List<String>> frames(Processor p, String... records) {
        List<List<String>> frames = new ArrayList<>();
        try {
            for (String r : records) {
                byte[] b = bytes(r);
                p.process(b, 0, b.length, (data, offset, length) -> frames.add(List.of(new String(data, offset, length, java.nio.charset.StandardCharsets.UTF_8))));
            }
            p.finish((data, offset, length) -> frames.add(List.of(new String(data, offset, length, java.nio.charset.StandardCharsets.UTF_8))));
        } catch (ProcessorException e) {
            throw new AssertionError(e);
        }
        return frames;
    }

    @Test
    public void separateAppendsTheSeparatorInOneFrame() {
        assertEquals(List.of(List.of("a\n"), List.of("\n"), List.of("bc\n")), frames(new SeparatePostprocessorFactory().create(Map.of()), "a", "", "bc"));
        assertEquals(List.of(List.of("a|")), frames(new SeparatePostprocessorFactory().create(Map.of("separator", "|")), "a"));
    }

    @Test
    public void separateRoundTripsThroughTheSeparatePreprocessor() {
        byte[] encoded = postprocess(new SeparatePostprocessorFactory().create(Map.of("separator", "\\0")), "x", "", "yz");
        assertFrames(() -> new SeparatePreprocessorFactory().create(Map.of("separator", "\\0")), encoded, List.of("x", "", "yz"));
    }

    @Test
    public void lengthPrefixedWritesFourBigEndianBytes() throws Exception {
        byte[] out = postprocess(new LengthPrefixedPostprocessorFactory().create(Map.of()), "abc");
        assertArrayEquals(new byte[] {0, 0, 0, 3, 'a', 'b', 'c'}, out);
    }

    @Test
    public void textualLengthPrefixedWritesDecimalBytesAndASpace() {
        assertEquals("3 abc2 é0 ", new String(postprocess(new TextualLengthPrefixedPostprocessorFactory().create(Map.of()), "abc", "é", ""),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    public void base64EncodesEachRecordAndRoundTrips() throws Exception {
        assertEquals(List.of(List.of("aGVsbG8="), List.of("")), frames(new Base64PostprocessorFactory().create(Map.of()), "hello", ""));
        Processor decode = new Base64PreprocessorFactory().create(Map.of());
        List<String> decoded = new ArrayList<>();
        byte[] encoded = bytes("aGVsbG8=");
        decode.process(encoded, 0, encoded.length, (d, o, l) -> decoded.add(new String(d, o, l, java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of("hello"), decoded);
    }

    @Test
    public void chunkPacksWholeRecordsUpToMaxBytes() {
        Processor chunk = new ChunkPostprocessorFactory().create(Map.of("max_bytes", "10"));
        assertEquals(List.of(List.of("aaaabbbb"), List.of("cccccccccc"), List.of("dd")),
                frames(chunk, "aaaa", "bbbb", "cccccccccc", "dd"));
        chunk = new ChunkPostprocessorFactory().create(Map.of("max_bytes", "10"));
        assertEquals(List.of(List.of("12345"), List.of("1234567890"), List.of("x")), frames(chunk, "12345", "1234567890", "x"));
        chunk = new ChunkPostprocessorFactory().create(Map.of("max_bytes", "4"));
        assertEquals(List.of(List.of("aabb")), frames(chunk, "aa", "bb"));
    }

    @Test
    public void chunkDropsAndReportsARecordLargerThanMaxBytesAndGoesOn() throws Exception {
        Processor chunk = new ChunkPostprocessorFactory().create(Map.of("max_bytes", 4));
        List<String> out = new ArrayList<>();
        byte[] big = bytes("12345");
        byte[] small = bytes("ab");
        ProcessorException e = assertThrows(ProcessorException.class, () -> chunk.process(big, 0, big.length, (d, o, l) -> out.add("?")));
        assertEquals("chunk: dropped a record of 5 bytes, larger than max_bytes (4)", e.getMessage());
        chunk.process(small, 0, small.length, (d, o, l) -> out.add(new String(d, o, l)));
        chunk.finish((d, o, l) -> out.add(new String(d, o, l)));
        assertEquals(List.of("ab"), out);
    }

    @Test
    public void chunkRequiresMaxBytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChunkPostprocessorFactory().create(Map.of()));
        assertEquals("chunk: option 'max_bytes' is required (a positive integer)", e.getMessage());
    }

    @Test
    public void framingBuffersAreReusedWithoutLeakingOldBytes() {
        Processor p = new LengthPrefixedPostprocessorFactory().create(Map.of());
        byte[] first = postprocess(p, "a long first record");
        byte[] second = postprocess(p, "b");
        assertEquals(23, first.length);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 'b'}, Arrays.copyOf(second, second.length));
    }
}
