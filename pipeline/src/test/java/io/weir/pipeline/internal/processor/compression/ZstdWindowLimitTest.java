package io.weir.pipeline.internal.processor.compression;

import static io.weir.pipeline.internal.processor.ProcessorHarness.allSplits;
import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.Test;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdOutputStream;

import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.ProcessorHarness;
import io.weir.pipeline.internal.processor.ProcessorHarness.Run;

/** The {@code zstd.max_window_mb} option of {@code decompress}: the window a zstd frame may make the decoder allocate. */
public class ZstdWindowLimitTest {
    private static final String REFUSED_16_MIB = "decompress: zstd: the frame's window (16 MiB) is larger than option "
            + "'zstd.max_window_mb' allows (8 MiB); dropped the rest of this input";

    private static Processor decompress(String algorithm, Object maxWindowMb) {
        Map<String, Object> options = new HashMap<>();
        options.put("algorithm", algorithm);
        if (maxWindowMb != null) {
            options.put("zstd.max_window_mb", maxWindowMb);
        }
        return new DecompressPreprocessorFactory().create(options);
    }

    /** A frame of unknown content size, so that its header declares exactly 2^windowLog, as {@code zstd --long} writes. */
    private static byte[] frame(int windowLog, String content) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(compressed)) {
            out.setWindowLog(windowLog);
            out.write(bytes(content));
        }
        return compressed.toByteArray();
    }

    @Test
    public void aFrameWhoseWindowExceedsTheDefaultLimitIsRefusedNamingTheOption() throws Exception {
        byte[] frame = frame(24, "a large window");
        for (String algorithm : List.of("zstd", "autodetect")) {
            for (Run run : allSplits(() -> decompress(algorithm, null), frame)) {
                assertEquals(algorithm, List.of(), run.frames);
                assertEquals(algorithm, REFUSED_16_MIB, run.errors.get(0).getMessage());
            }
        }
    }

    @Test
    public void framesWithinTheLimitDecode() throws Exception {
        assertDecodes(() -> decompress("zstd", null), frame(23, "eight"), "eight");
        assertDecodes(() -> decompress("autodetect", "16"), frame(24, "sixteen"), "sixteen");
        // beyond zstd's own default limit (128 MiB), which the option lifts too
        Run run = ProcessorHarness.whole(decompress("zstd", 256), frame(28, "long"));
        assertEquals(List.of(), run.errors);
        assertEquals(List.of("long"), run.strings());
    }

    private static void assertDecodes(Supplier<Processor> processors, byte[] frame, String expected) {
        for (Run run : allSplits(processors, frame)) {
            assertEquals(List.of(), run.errors);
            assertEquals(expected, new String(run.concatenated(), StandardCharsets.UTF_8));
        }
    }

    @Test
    public void theLimitHoldsForEveryFrameAndARefusedFrameLosesNothingElse() throws Exception {
        Processor p = decompress("zstd", null);
        List<String> out = new ArrayList<>();
        byte[] small = frame(20, "before");
        byte[] large = frame(24, "refused");
        p.process(small, 0, small.length, (d, o, l) -> out.add(new String(d, o, l)));
        for (int i = 0; i < 2; i++) { // the decoder is reset between frames, the limit must survive it
            ProcessorException e = assertThrows(ProcessorException.class,
                    () -> p.process(large, 0, large.length, (d, o, l) -> out.add(new String(d, o, l))));
            assertEquals(REFUSED_16_MIB, e.getMessage());
            byte[] next = frame(20, "after " + i);
            p.process(next, 0, next.length, (d, o, l) -> out.add(new String(d, o, l)));
        }
        p.finish((d, o, l) -> out.add(new String(d, o, l)));
        assertEquals(List.of("before", "after 0", "after 1"), out);
    }

    @Test
    public void aSingleSegmentFrameIsLimitedByItsContentSize() {
        byte[] content = new byte[9 * 1024 * 1024 + 1];
        Arrays.fill(content, (byte) 'x');
        byte[] frame;
        try (ZstdCompressCtx compressor = new ZstdCompressCtx()) {
            frame = compressor.setWindowLog(24).compress(content); // content size known: one segment, window = content
        }
        Run run = ProcessorHarness.whole(decompress("zstd", null), frame);
        assertEquals(List.of(), run.frames);
        assertEquals("decompress: zstd: the frame's window (9437185 bytes) is larger than option 'zstd.max_window_mb' "
                + "allows (8 MiB); dropped the rest of this input", run.errors.get(0).getMessage());
        run = ProcessorHarness.whole(decompress("zstd", 16), frame);
        assertEquals(List.of(), run.errors);
        assertEquals(content.length, run.concatenated().length);
    }

    @Test
    public void rejectsInvalidMaxWindow() {
        assertInvalid("zstd", "4096", "must be an integer from 1 to 2048, got '4096'");
        assertInvalid("zstd", 0, "must be an integer from 1 to 2048, got '0'");
        assertInvalid("autodetect", "8MB", "must be an integer from 1 to 2048, got '8MB'");
        assertInvalid("zstd", "100", "must be a power of two (1, 2, 4, ... 2048), got '100'");
        assertInvalid("gzip", "16", "applies to zstd and autodetect only, not gzip, got '16'");
        for (Object accepted : List.of(1, "2048", 64.0, "1_024")) {
            assertEquals(DecompressPreprocessor.class, decompress("zstd", accepted).getClass());
        }
    }

    private static void assertInvalid(String algorithm, Object maxWindowMb, String expectation) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decompress(algorithm, maxWindowMb));
        assertEquals("decompress: option 'zstd.max_window_mb' " + expectation, e.getMessage());
    }
}
