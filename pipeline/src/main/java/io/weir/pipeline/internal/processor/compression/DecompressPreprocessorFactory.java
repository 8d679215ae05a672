package io.weir.pipeline.internal.processor.compression;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

/**
 * The {@code decompress} preprocessor: options {@code algorithm} (autodetect, gzip, zlib, zstd,
 * lz4, snappy; default autodetect) and {@code max_frame} (default 8 MiB).
 */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=decompress")
public final class DecompressPreprocessorFactory implements PreprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("decompress", options, "algorithm", "max_frame");
        String algorithm = o.choice("algorithm", "autodetect", "autodetect", "gzip", "zlib", "zstd", "lz4", "snappy");
        Format fixed = "autodetect".equals(algorithm) ? null : Format.named(algorithm);
        return new DecompressPreprocessor(fixed, o.positiveInt("max_frame", SeparatePreprocessorFactory.DEFAULT_MAX_LENGTH));
    }
}
