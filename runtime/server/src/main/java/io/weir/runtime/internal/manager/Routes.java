package io.weir.runtime.internal.manager;

import java.util.List;
import java.util.Map;

/**
 * Where the events of one producing node go: for each output port, the inboxes (and their input
 * ports) linked to it. Immutable; the engine builds a new one when the wiring changes and the
 * producer switches to it between batches.
 */
public final class Routes {
    /** No links at all: everything is dropped. */
    public static final Routes NONE = new Routes(Map.of());

    private final Map<String, List<Target>> byPort;

    /** @param byPort output port to its targets */
    public Routes(Map<String, List<Target>> byPort) {
        this.byPort = Map.copyOf(byPort);
    }

    /** @return output port to its targets */
    public Map<String, List<Target>> byPort() {
        return byPort;
    }

    /**
     * @param port an output port
     * @return its targets; empty when nothing is linked
     */
    public List<Target> targets(String port) {
        return byPort.getOrDefault(port, List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Routes other && other.byPort.equals(byPort);
    }

    @Override
    public int hashCode() {
        return byPort.hashCode();
    }

    @Override
    public String toString() {
        return byPort.toString();
    }

    /**
     * One link's receiving end.
     *
     * @param inbox the receiving node's inbox
     * @param port  the input port at the receiving node
     */
    public record Target(Inbox inbox, String port) {
        @Override
        public String toString() {
            return inbox.label() + "." + port;
        }
    }
}
