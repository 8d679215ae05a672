package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code remove-empty} preprocessor: drops records of length zero. No options. */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=remove-empty")
public final class RemoveEmptyPreprocessorFactory implements PreprocessorFactory {
    /** Stateless, so every stream shares one. */
    private static final Processor REMOVE_EMPTY = (data, offset, length, out) -> {
        if (length > 0) {
            out.frame(data, offset, length);
        }
    };

    @Override
    public Processor create(Map<String, Object> options) {
        Options.of("remove-empty", options);
        return REMOVE_EMPTY;
    }
}
