package io.weir.pipeline.internal.processor;

import static io.weir.pipeline.internal.processor.ProcessorHarness.allSplits;
import static io.weir.pipeline.internal.processor.ProcessorHarness.assertFrames;
import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.Test;

import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.processor.ProcessorHarness.Run;

public class SeparatePreprocessorTest {
    private final SeparatePreprocessorFactory factory = new SeparatePreprocessorFactory();

    private Supplier<Processor> with(Map<String, Object> options) {
        return () -> factory.create(options);
    }

    @Test
    public void splitsLinesKeepingEmptyOnesAndEmitsTheLastLineOnFinish() {
        assertFrames(with(Map.of()), bytes("one\ntwo\n\nthree\nlast"), List.of("one", "two", "", "three", "last"));
    }

    @Test
    public void aTrailingSeparatorLeavesNothingForFinish() {
        assertFrames(with(Map.of()), bytes("a\nb\n"), List.of("a", "b"));
    }

    @Test
    public void emptyInputGivesNoFrames() {
        assertFrames(with(Map.of()), new byte[0], List.of());
    }

    @Test
    public void aSingleByteIsOneRecord() {
        assertFrames(with(Map.of()), bytes("x"), List.of("x"));
        assertFrames(with(Map.of()), bytes("\n"), List.of(""));
    }

    @Test
    public void handsOnCompleteLinesStraightFromTheInputBuffer() {
        Run run = ProcessorHarness.whole(factory.create(Map.of()), bytes("one\ntwo\n"));
        assertTrue(run.sawInputBuffer);
    }

    @Test
    public void takesCustomSeparatorsAsCharactersOrEscapes() {
        assertFrames(with(Map.of("separator", "|")), bytes("a|b|c"), List.of("a", "b", "c"));
        assertFrames(with(Map.of("separator", "\\t")), bytes("a\tb"), List.of("a", "b"));
        assertFrames(with(Map.of("separator", "\t")), bytes("a\tb"), List.of("a", "b"));
        assertFrames(with(Map.of("separator", "\\0")), bytes("a\0b\0"), List.of("a", "b"));
        assertFrames(with(Map.of("separator", "\\x1e")), bytes("a\u001eb"), List.of("a", "b"));
    }

    @Test
    public void acceptsALineOfExactlyMaxLength() {
        assertFrames(with(Map.of("max_length", "5")), bytes("12345\nab\n12345"), List.of("12345", "ab", "12345"));
    }

    @Test
    public void discardsALineOfMaxLengthPlusOneAndReportsItOnceWhileTheStreamGoesOn() {
        for (Run run : allSplits(with(Map.of("max_length", "5")), bytes("ok\n123456\nfine\n"))) {
            assertEquals(List.of("ok", "fine"), run.strings());
            assertEquals(1, run.errors.size());
            assertEquals("separate: discarded a record longer than max_length (5 bytes)", run.errors.get(0).getMessage());
        }
    }

    @Test
    public void discardsAVeryLongLineSpanningManyBuffersReportingItOnce() {
        StringBuilder input = new StringBuilder("first\n");
        input.append("x".repeat(10_000)).append("\nsecond\n");
        for (Run run : allSplits(with(Map.of("max_length", "100")), bytes(input.toString()))) {
            assertEquals(List.of("first", "second"), run.strings());
            assertEquals(1, run.errors.size());
        }
    }

    @Test
    public void anOverLongLastLineIsNotEmittedOnFinish() {
        for (Run run : allSplits(with(Map.of("max_length", "3")), bytes("ab\nabcd"))) {
            assertEquals(List.of("ab"), run.strings());
            assertEquals(1, run.errors.size());
        }
    }

    @Test
    public void reportsSeveralOverLongLinesInOneBufferInOneError() {
        Run run = ProcessorHarness.whole(factory.create(Map.of("max_length", 2)), bytes("abc\nok\ndef\n"));
        assertEquals(List.of("ok"), run.strings());
        assertEquals(1, run.errors.size());
        assertEquals("separate: discarded 2 records longer than max_length (2 bytes)", run.errors.get(0).getMessage());
    }

    @Test
    public void rejectsInvalidOptionsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.create(Map.of("max_length", "abc")));
        assertEquals("separate: option 'max_length' must be a positive integer, got 'abc'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> factory.create(Map.of("max_length", 0)));
        assertEquals("separate: option 'max_length' must be a positive integer, got '0'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> factory.create(Map.of("separator", "ab")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("separate: option 'separator' must be a single byte"));
        e = assertThrows(IllegalArgumentException.class, () -> factory.create(Map.of("max_lenght", "5")));
        assertEquals("separate: unknown option 'max_lenght' (known options: separator, max_length)", e.getMessage());
    }

    @Test
    public void keepsNoReferenceToItsInput() {
        // the harness overwrites every buffer after the call: a kept reference would corrupt the joined line
        Run run = ProcessorHarness.feed(factory.create(Map.of()), bytes("abcdef\n"), 2, 2, 2, 1);
        assertEquals(List.of("abcdef"), run.strings());
        assertFalse(run.sawInputBuffer);
    }
}
