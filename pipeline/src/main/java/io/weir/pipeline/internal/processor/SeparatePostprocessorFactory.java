package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code separate} postprocessor: appends a separator byte to each record (option {@code separator}, default {@code \n}). */
@Component(service = PostprocessorFactory.class, property = PostprocessorFactory.NAME + "=separate")
public final class SeparatePostprocessorFactory implements PostprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("separate", options, "separator");
        return new FramingPostprocessor(FramingPostprocessor.Kind.SEPARATOR, o.singleByte("separator", (byte) '\n'));
    }
}
