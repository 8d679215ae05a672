package io.weir.runtime.internal.manager;

import java.util.List;

import io.weir.api.codec.Codec;
import io.weir.api.connector.Source;

/**
 * Everything a {@link SourceManager} needs to run one source instance, resolved by the engine.
 *
 * @param name          the instance name
 * @param source        the connector's instance
 * @param options       the manager options
 * @param codec         the codec, or {@code null} when none is configured
 * @param preprocessors the preprocessor chain, in order
 */
public record SourceSetup(String name, Source source, ManagerOptions options, Codec codec,
        List<ProcessorStep> preprocessors) {

    /** Copies the chain. */
    public SourceSetup {
        preprocessors = List.copyOf(preprocessors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSetup other && other.name.equals(name) && other.source == source
                && other.options.equals(options) && other.codec == codec
                && other.preprocessors.equals(preprocessors);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + System.identityHashCode(source);
    }
}
