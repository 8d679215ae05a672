package io.weir.runtime.internal.config;

/**
 * A link of a flow: events leaving one node's output port go to another node's input port.
 *
 * @param from the output: a source or pipeline and its port
 * @param to   the input: a pipeline and its input port, or a sink (port {@code in})
 */
public record Link(Endpoint from, Endpoint to) {
    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
