package io.weir.runtime.internal.manager;

import java.util.Map;

import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;

/**
 * One resolved stage of a pre- or postprocessor chain: the factory service and the options it is
 * created with, once per stream.
 *
 * @param name    the processor name, for messages
 * @param factory a {@link PreprocessorFactory} or {@link PostprocessorFactory}
 * @param options the stage's options
 */
public record ProcessorStep(String name, Object factory, Map<String, Object> options) {

    /** Checks the factory type and copies the options. */
    public ProcessorStep {
        if (!(factory instanceof PreprocessorFactory) && !(factory instanceof PostprocessorFactory)) {
            throw new IllegalArgumentException("not a processor factory: " + factory);
        }
        options = Map.copyOf(options);
    }

    /**
     * @return a new processor for one stream
     * @throws IllegalArgumentException when an option is invalid
     */
    public Processor create() {
        Processor processor = factory instanceof PreprocessorFactory pre ? pre.create(options)
                : ((PostprocessorFactory) factory).create(options);
        if (processor == null) {
            throw new IllegalStateException("processor factory '" + name + "' returned null");
        }
        return processor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessorStep other && other.name.equals(name) && other.factory == factory
                && other.options.equals(options);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + System.identityHashCode(factory);
    }
}
