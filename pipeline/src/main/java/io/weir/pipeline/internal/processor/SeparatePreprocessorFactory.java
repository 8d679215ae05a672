package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code separate} preprocessor: splits a stream at a separator byte (options
 * {@code separator}, default {@code \n}, and {@code max_length}, default 8 MiB).
 */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=separate")
public final class SeparatePreprocessorFactory implements PreprocessorFactory {
    /** Default longest record: 8 MiB. */
    public static final int DEFAULT_MAX_LENGTH = 8 * 1024 * 1024;

    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("separate", options, "separator", "max_length");
        return new SeparatePreprocessor(o.singleByte("separator", (byte) '\n'), o.positiveInt("max_length", DEFAULT_MAX_LENGTH));
    }
}
