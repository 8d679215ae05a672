package io.weir.pipeline.internal.processor;

import static io.weir.pipeline.internal.processor.ProcessorHarness.allSplits;
import static io.weir.pipeline.internal.processor.ProcessorHarness.assertFrames;
import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.pipeline.internal.processor.ProcessorHarness.Run;

public class LengthPrefixedPreprocessorTest {
    private final LengthPrefixedPreprocessorFactory factory = new LengthPrefixedPreprocessorFactory();

    static byte[] framed(String... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : records) {
            byte[] b = bytes(r);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    public void splitsRecordsIncludingEmptyOnesAtAnyBoundary() {
        assertFrames(() -> factory.create(Map.of()), framed("hello", "", "x", "a longer record with some text"),
                List.of("hello", "", "x", "a longer record with some text"));
    }

    @Test
    public void emptyInputGivesNothing() {
        assertFrames(() -> factory.create(Map.of()), new byte[0], List.of());
    }

    @Test
    public void handsOnWholeRecordsStraightFromTheInput() {
        assertTrue(ProcessorHarness.whole(factory.create(Map.of()), framed("abc")).sawInputBuffer);
    }

    @Test
    public void acceptsExactlyMaxLengthAndSkipsLongerRecordsKeepingInStep() {
        assertFrames(() -> factory.create(Map.of("max_length", "4")), framed("abcd", "ab"), List.of("abcd", "ab"));
        for (Run run : allSplits(() -> factory.create(Map.of("max_length", "4")), framed("ab", "abcde", "cd"))) {
            assertEquals(List.of("ab", "cd"), run.strings());
            assertEquals(1, run.errors.size());
            assertEquals("length-prefixed: skipped a record of up to 5 bytes, longer than max_length (4 bytes)",
                    run.errors.get(0).getMessage());
        }
    }

    @Test
    public void aHugeAnnouncedLengthIsSkippedNotAllocated() {
        byte[] input = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
        Run run = ProcessorHarness.whole(factory.create(Map.of()), input);
        assertEquals(List.of(), run.frames);
        assertEquals(2, run.errors.size());
        assertTrue(run.errors.get(0).getMessage().contains("4294967295 bytes"));
        assertEquals("length-prefixed: the stream ended inside a record skipped as longer than max_length"
                + " (3 of 4294967295 bytes)", run.errors.get(1).getMessage());
    }

    @Test
    public void reportsAStreamThatEndsWhileSkippingAnOverLongRecord() {
        byte[] whole = framed("ab", "abcde");
        for (int cut = whole.length - 5; cut < whole.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(whole, cut);
            int skipped = cut - (whole.length - 5);
            for (Run run : allSplits(() -> factory.create(Map.of("max_length", "4")), truncated)) {
                assertEquals(List.of("ab"), run.strings());
                assertEquals(2, run.errors.size());
                assertEquals("length-prefixed: skipped a record of up to 5 bytes, longer than max_length (4 bytes)",
                        run.errors.get(0).getMessage());
                assertEquals("length-prefixed: the stream ended inside a record skipped as longer than max_length ("
                        + skipped + " of 5 bytes)", run.errors.get(1).getMessage());
            }
        }
    }

    @Test
    public void reportsAStreamThatEndsInsideAPrefixOrARecord() {
        byte[] whole = framed("hello");
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(whole, cut);
            for (Run run : allSplits(() -> factory.create(Map.of()), truncated)) {
                assertEquals(List.of(), run.frames);
                assertEquals(1, run.errors.size());
                assertTrue(run.errors.get(0).getMessage(), run.errors.get(0).getMessage().startsWith("length-prefixed: the stream ended inside a"));
            }
        }
    }

    @Test
    public void roundTripsWithThePostprocessor() {
        byte[] encoded = PostprocessorTest.postprocess(new LengthPrefixedPostprocessorFactory().create(Map.of()), "a", "", "bcd");
        assertFrames(() -> factory.create(Map.of()), encoded, List.of("a", "", "bcd"));
    }
}
