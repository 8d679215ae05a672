package io.weir.pipeline.internal.processor.compression;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

/**
 * The {@code decompress} preprocessor: options {@code algorithm} (autodetect, gzip, zlib, zstd,
 * lz4, snappy; default autodetect), {@code max_frame} (default 8 MiB) and
 * {@code zstd.max_window_mb} (largest zstd window accepted, a power of two from 1 to 2048;
 * default 8).
 */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=decompress")
public final class DecompressPreprocessorFactory implements PreprocessorFactory {
    static final String MAX_WINDOW = "zstd.max_window_mb";
    /**
     * The window every zstd decoder is meant to support (RFC 8878) and the largest that the
     * {@code zstd} tool uses without {@code --long} or {@code --ultra}. zstd's own default, 128
     * MiB, would let each stream make the decoder allocate that much from a few header bytes.
     */
    private static final int DEFAULT_MAX_WINDOW_MB = 8;
    /** 2 GiB: window log 31, the largest zstd decodes on 64-bit platforms. */
    private static final int LARGEST_MAX_WINDOW_MB = 2048;

    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("decompress", options, "algorithm", "max_frame", MAX_WINDOW);
        String algorithm = o.choice("algorithm", "autodetect", "autodetect", "gzip", "zlib", "zstd", "lz4", "snappy");
        Format fixed = "autodetect".equals(algorithm) ? null : Format.named(algorithm);
        if (o.has(MAX_WINDOW) && fixed != null && fixed != Format.ZSTD) {
            throw o.invalid(MAX_WINDOW, "applies to zstd and autodetect only, not " + algorithm, o.string(MAX_WINDOW, null));
        }
        return new DecompressPreprocessor(fixed, o.positiveInt("max_frame", SeparatePreprocessorFactory.DEFAULT_MAX_LENGTH),
                zstdWindowLogMax(o));
    }

    /** @return the option as zstd's window log (a window of 1 MiB is log 20) */
    private static int zstdWindowLogMax(Options o) {
        int mb = o.intInRange(MAX_WINDOW, DEFAULT_MAX_WINDOW_MB, 1, LARGEST_MAX_WINDOW_MB);
        if (Integer.bitCount(mb) != 1) {
            // zstd limits the window by its log, so any other value would silently round down
            throw o.invalid(MAX_WINDOW, "must be a power of two (1, 2, 4, ... " + LARGEST_MAX_WINDOW_MB + ")", o.string(MAX_WINDOW, null));
        }
        return 20 + Integer.numberOfTrailingZeros(mb);
    }
}
