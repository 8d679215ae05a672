package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code textual-length-prefixed} postprocessor: puts {@code <length> } before each record. No options. */
@Component(service = PostprocessorFactory.class, property = PostprocessorFactory.NAME + "=textual-length-prefixed")
public final class TextualLengthPrefixedPostprocessorFactory implements PostprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options.of("textual-length-prefixed", options);
        return new FramingPostprocessor(FramingPostprocessor.Kind.TEXTUAL_LENGTH_PREFIX, (byte) 0);
    }
}
