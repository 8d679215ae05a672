package io.weir.pipeline.internal.graph;

import java.util.Set;

/**
 * Implemented by operators that tell the engine which ports they emit to and want to hear whether
 * each port can take events. The built-in operators implement it; the operator SPI has no such
 * type yet, so third-party operators get neither the link checks nor the health signal.
 *
 * <p>The compiler rejects a link from a port the operator does not declare (a typo in the links
 * would otherwise drop events silently) and requires every port in {@link #requiredPorts()} to be
 * linked.
 */
public interface PortAware {

    /** @return every port the operator may emit to besides {@code err} */
    Set<String> outputPorts();

    /** @return the ports that must be linked; by default none */
    default Set<String> requiredPorts() {
        return Set.of();
    }

    /**
     * A port's health changed: it is unhealthy while an output the port leads to (following every
     * link except those from {@code err} ports) is unhealthy, see
     * {@link io.weir.pipeline.graph.Pipeline#outputHealth}. Every port starts healthy. Called on the
     * pipeline's thread, between events.
     *
     * @param port    one of {@link #outputPorts()}
     * @param healthy whether it can take events
     */
    default void portHealth(String port, boolean healthy) {
    }
}
