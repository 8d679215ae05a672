package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code length-prefixed} preprocessor: records preceded by a 4-byte big-endian length (option {@code max_length}). */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=length-prefixed")
public final class LengthPrefixedPreprocessorFactory implements PreprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("length-prefixed", options, "max_length");
        return new LengthPrefixedPreprocessor(o.positiveInt("max_length", SeparatePreprocessorFactory.DEFAULT_MAX_LENGTH));
    }
}
