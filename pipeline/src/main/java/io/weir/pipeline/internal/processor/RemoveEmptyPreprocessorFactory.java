package io.weir.pipeline.internal.processor;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.pipeline.internal.option.Options;

/** The {@code remove-empty} preprocessor: drops records of length zero. No options. */
@Component(service = PreprocessorFactory.class, property = PreprocessorFactory.NAME + "=remove-empty")
public final class RemoveEmptyPreprocessorFactory implements PreprocessorFactory {
    /** Stateless, so every stream shares one. */
    private static final Processor REMOVE_EMPTY = new RemoveEmpty();

    @Override
    public Processor create(Map<String, Object> options) {
        Options.of("remove-empty", options);
        return REMOVE_EMPTY;
    }

    /** Drops empty records, keeping nothing between calls. */
    private static final class RemoveEmpty implements Processor {
        @Override
        public void process(byte[] data, int offset, int length, FrameOutput out) {
            if (length > 0) {
                out.frame(data, offset, length);
            }
        }

        @Override
        public byte[] unprocessed() {
            return new byte[0];
        }
    }
}
