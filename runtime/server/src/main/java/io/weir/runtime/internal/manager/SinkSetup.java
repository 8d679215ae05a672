package io.weir.runtime.internal.manager;

import java.util.List;

import io.weir.api.codec.Codec;
import io.weir.api.connector.Sink;

/**
 * Everything a {@link SinkManager} needs to run one sink instance, resolved by the engine.
 *
 * @param name           the instance name
 * @param sink           the connector's instance
 * @param options        the manager options
 * @param codec          the codec, or {@code null} for a structured sink
 * @param postprocessors the postprocessor chain, in order
 */
public record SinkSetup(String name, Sink sink, ManagerOptions options, Codec codec,
        List<ProcessorStep> postprocessors) {

    /** Copies the chain. */
    public SinkSetup {
        postprocessors = List.copyOf(postprocessors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SinkSetup other && other.name.equals(name) && other.sink == sink
                && other.options.equals(options) && other.codec == codec
                && other.postprocessors.equals(postprocessors);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + System.identityHashCode(sink);
    }
}
