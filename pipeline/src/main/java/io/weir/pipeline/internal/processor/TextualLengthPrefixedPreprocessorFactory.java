package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code textual-length-prefixed} preprocessor: records preceded by {@code <length> } (option {@code max_length}). */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=textual-length-prefixed")
public final class TextualLengthPrefixedPreprocessorFactory implements PreprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("textual-length-prefixed", options, "max_length");
        return new TextualLengthPrefixedPreprocessor(o.positiveInt("max_length", SeparatePreprocessorFactory.DEFAULT_MAX_LENGTH));
    }
}
