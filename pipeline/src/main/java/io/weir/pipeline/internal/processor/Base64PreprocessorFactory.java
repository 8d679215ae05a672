package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code base64} preprocessor: decodes each record from base64. No options. */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=base64")
public final class Base64PreprocessorFactory implements PreprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options.of("base64", options);
        return new Base64Preprocessor();
    }
}
