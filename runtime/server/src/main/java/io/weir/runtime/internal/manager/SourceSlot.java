package io.weir.runtime.internal.manager;

import java.util.Map;

import io.weir.runtime.internal.stats.Counters;

/**
 * The place of one source instance in the flows, which outlives the managers that run it (a restart,
 * a new configuration, a new version of the plugin): its counters, where its outcomes go, its
 * routes and its gate, the state the last instance handed over and the streams it left open.
 */
public final class SourceSlot {
    private final String name;
    private final Counters counters = new Counters();
    private final Faults faults = new Faults();
    private final SourceAcks acks;
    private volatile Routes routes = Routes.NONE;
    private volatile Gate gate = new Gate(java.util.List.of(), "is not wired into a flow yet");
    private volatile Map<String, Object> lastState = Map.of();
    private volatile CarriedStreams carried;

    /** @param name the source instance */
    public SourceSlot(String name) {
        this.name = name;
        this.acks = new SourceAcks(name, counters);
    }

    /** @return the source instance */
    public String name() {
        return name;
    }

    /** @return the node label, {@code source/<name>} */
    public String label() {
        return "source/" + name;
    }

    /** @return its failures and quarantine, kept across its managers */
    public Faults faults() {
        return faults;
    }

    /** @return the counters */
    public Counters counters() {
        return counters;
    }

    /** @return where acknowledgements and failures go */
    public SourceAcks acks() {
        return acks;
    }

    /** @return where its events go */
    public Routes routes() {
        return routes;
    }

    /** @param routes where its events go from now on */
    public void routes(Routes routes) {
        this.routes = routes;
    }

    /** @return what it waits for before pulling */
    public Gate gate() {
        return gate;
    }

    /** @param gate what it waits for from now on */
    public void gate(Gate gate) {
        this.gate = gate;
    }

    /** @return the state the last instance returned from {@code snapshot()}; empty if none */
    public Map<String, Object> lastState() {
        return lastState;
    }

    /** @param state the state the stopping instance returned */
    public void lastState(Map<String, Object> state) {
        this.lastState = state == null ? Map.of() : state;
    }

    /** @param streams the streams the stopping manager left open for the next one; {@code null} for none */
    public void carry(CarriedStreams streams) {
        this.carried = streams;
    }

    /** @return the streams the last manager left open, which are no longer kept here; {@code null} for none */
    public CarriedStreams takeCarried() {
        CarriedStreams taken = carried;
        carried = null;
        return taken;
    }
}
