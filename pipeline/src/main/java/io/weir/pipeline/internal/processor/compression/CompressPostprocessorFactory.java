package io.weir.pipeline.internal.processor.compression;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code compress} postprocessor: options {@code algorithm} (required: gzip, zlib, zstd, lz4,
 * snappy) and {@code level} (gzip and zlib 1-9, default 6; zstd 1-22, default 3).
 */
@Component(service = PostprocessorFactory.class, property = PostprocessorFactory.NAME + "=compress")
public final class CompressPostprocessorFactory implements PostprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("compress", options, "algorithm", "level");
        String algorithm = o.choice("algorithm", null, "gzip", "zlib", "zstd", "lz4", "snappy");
        try {
            return new CompressPostprocessor(compressor(o, algorithm));
        } catch (LinkageError e) {
            throw new IllegalArgumentException("compress: " + algorithm + " is not available on this platform: " + e, e);
        }
    }

    private static Compressor compressor(Options o, String algorithm) {
        switch (algorithm) {
            case "gzip":
            case "zlib":
                return new DeflaterCompressor("gzip".equals(algorithm), o.intInRange("level", 6, 1, 9));
            case "zstd":
                return new ZstdCompressor(o.intInRange("level", 3, 1, 22));
            default:
                if (o.has("level")) {
                    throw o.invalid("level", "applies to gzip, zlib and zstd only, not " + algorithm, o.string("level", null));
                }
                return "lz4".equals(algorithm) ? new Lz4FrameCompressor() : new SnappyFrameCompressor();
        }
    }
}
