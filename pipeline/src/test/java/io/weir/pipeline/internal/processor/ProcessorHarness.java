package io.weir.pipeline.internal.processor;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * Drives a processor over an input cut in every interesting way: whole, byte by byte, in random
 * chunks. Each chunk is copied into a buffer with bytes before and after it that is overwritten
 * after the call, so a processor that keeps a reference to its input instead of copying fails.
 */
public final class ProcessorHarness {

    /** What one run produced. */
    public static final class Run {
        public final List<byte[]> frames = new ArrayList<>();
        public final List<ProcessorException> errors = new ArrayList<>();
        /** Set when a frame was handed on straight from the caller's buffer. */
        public boolean sawInputBuffer;

        public List<String> strings() {
            List<String> out = new ArrayList<>();
            for (byte[] f : frames) {
                out.add(new String(f, StandardCharsets.UTF_8));
            }
            return out;
        }

        public byte[] concatenated() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] f : frames) {
                all.write(f, 0, f.length);
            }
            return all.toByteArray();
        }
    }

    private ProcessorHarness() {
    }

    /** Feeds the input as the given chunk sizes (the last chunk takes what is left), then finishes. */
    public static Run feed(Processor processor, byte[] input, int... chunkSizes) {
        Run run = new Run();
        int position = 0;
        int chunk = 0;
        while (position < input.length) {
            int size = chunk < chunkSizes.length ? Math.min(chunkSizes[chunk++], input.length - position) : input.length - position;
            byte[] buffer = new byte[size + 7];
            Arrays.fill(buffer, (byte) 0x5a);
            System.arraycopy(input, position, buffer, 3, size);
            FrameOutput out = (data, offset, length) -> {
                run.frames.add(Arrays.copyOfRange(data, offset, offset + length));
                if (data == buffer) {
                    run.sawInputBuffer = true;
                }
            };
            try {
                processor.process(buffer, 3, size, out);
            } catch (ProcessorException e) {
                run.errors.add(e);
            }
            Arrays.fill(buffer, (byte) 0xee);
            position += size;
        }
        try {
            processor.finish((data, offset, length) -> run.frames.add(Arrays.copyOfRange(data, offset, offset + length)));
        } catch (ProcessorException e) {
            run.errors.add(e);
        }
        return run;
    }

    public static Run whole(Processor processor, byte[] input) {
        return feed(processor, input, input.length);
    }

    public static Run byteByByte(Processor processor, byte[] input) {
        int[] ones = new int[input.length];
        Arrays.fill(ones, 1);
        return feed(processor, input, ones);
    }

    public static Run randomChunks(Processor processor, byte[] input, long seed, int maxChunk) {
        Random random = new Random(seed);
        List<Integer> sizes = new ArrayList<>();
        for (int total = 0; total < input.length; ) {
            int size = 1 + random.nextInt(maxChunk);
            sizes.add(size);
            total += size;
        }
        return feed(processor, input, sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Runs fresh processors over the input whole, byte by byte and in random chunks of several
     * sizes.
     *
     * @return the runs, the whole-input one first
     */
    public static List<Run> allSplits(Supplier<Processor> processors, byte[] input) {
        List<Run> runs = new ArrayList<>();
        runs.add(whole(processors.get(), input));
        runs.add(byteByByte(processors.get(), input));
        for (int seed = 1; seed <= 6; seed++) {
            runs.add(randomChunks(processors.get(), input, seed, seed * seed * 3));
        }
        runs.add(randomChunks(processors.get(), input, 99, 4096));
        return runs;
    }

    /** Asserts that every way of cutting the input yields exactly these frames and no error. */
    public static void assertFrames(Supplier<Processor> processors, byte[] input, List<String> expected) {
        for (Run run : allSplits(processors, input)) {
            assertEquals("errors", List.of(), run.errors);
            assertEquals(expected, run.strings());
        }
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
