package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code chunk} postprocessor: packs whole records into chunks of at most {@code max_bytes} (required). */
@Component(service = PostprocessorFactory.class, property = PostprocessorFactory.NAME + "=chunk")
public final class ChunkPostprocessorFactory implements PostprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        Options o = Options.of("chunk", options, "max_bytes");
        return new ChunkPostprocessor(o.requiredPositiveInt("max_bytes"));
    }
}
