package io.weir.pipeline.internal.processor;

import static io.weir.pipeline.internal.processor.ProcessorHarness.allSplits;
import static io.weir.pipeline.internal.processor.ProcessorHarness.assertFrames;
import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.processor.ProcessorHarness.Run;

public class TextualLengthPrefixedPreprocessorTest {
    private final TextualLengthPrefixedPreprocessorFactory factory = new TextualLengthPrefixedPreprocessorFactory();

    @Test
    public void splitsOctetCountedRecordsAtAnyBoundary() {
        assertFrames(() -> factory.create(Map.of()), bytes("5 hello0 3 a b11 <34>1 - - -"),
                List.of("hello", "", "a b", "<34>1 - - -"));
    }

    @Test
    public void countsBytesNotCharacters() {
        assertFrames(() -> factory.create(Map.of()), bytes("2 é1 x"), List.of("é", "x"));
    }

    @Test
    public void acceptsExactlyMaxLengthAndSkipsLongerRecords() {
        for (Run run : allSplits(() -> factory.create(Map.of("max_length", "3")), bytes("3 abc4 abcd1 z"))) {
            assertEquals(List.of("abc", "z"), run.strings());
            assertEquals(1, run.errors.size());
        }
    }

    @Test
    public void aMalformedPrefixDropsTheRestOfThatInputAndTheNextInputStartsAfresh() throws Exception {
        Processor p = factory.create(Map.of());
        Run run = ProcessorHarness.feed(p, bytes("2 okx5 lo3 new"), 9);
        assertEquals(List.of("ok", "new"), run.strings());
        assertEquals(1, run.errors.size());
        assertEquals("textual-length-prefixed: expected a decimal length followed by a space, got 'x'; dropped the rest of this input",
                run.errors.get(0).getMessage());
    }

    @Test
    public void rejectsASpaceWithoutDigitsAndTooManyDigits() {
        Run run = ProcessorHarness.whole(factory.create(Map.of()), bytes(" 1 a"));
        assertTrue(run.errors.get(0).getMessage().contains("a space before any digit"));
        run = ProcessorHarness.whole(factory.create(Map.of()), bytes("1234567890123456789 a"));
        assertTrue(run.errors.get(0).getMessage().contains("more than 18 digits"));
    }

    @Test
    public void reportsATruncatedStream() {
        for (String input : new String[] {"5", "5 ", "5 hel"}) {
            for (Run run : allSplits(() -> factory.create(Map.of()), bytes(input))) {
                assertEquals(List.of(), run.frames);
                assertEquals(1, run.errors.size());
                assertTrue(run.errors.get(0).getMessage().startsWith("textual-length-prefixed: the stream ended inside a"));
            }
        }
    }

    @Test
    public void reportsAStreamThatEndsWhileSkippingAnOverLongRecord() {
        for (Run run : allSplits(() -> factory.create(Map.of("max_length", "3")), bytes("1 z4 ab"))) {
            assertEquals(List.of("z"), run.strings());
            assertEquals(2, run.errors.size());
            assertEquals("textual-length-prefixed: the stream ended inside a record skipped as longer than max_length"
                    + " (2 of 4 bytes)", run.errors.get(1).getMessage());
        }
    }

    @Test
    public void roundTripsWithThePostprocessor() {
        byte[] encoded = PostprocessorTest.postprocess(new TextualLengthPrefixedPostprocessorFactory().create(Map.of()), "a", "", "bcd 12");
        assertFrames(() -> factory.create(Map.of()), encoded, List.of("a", "", "bcd 12"));
    }
}
