package io.weir.runtime.internal.manager;

import java.util.Map;

import io.weir.runtime.internal.stats.Counters;

/**
 * The place of one pipeline in the flows, which outlives the runners that run it (a new
 * configuration, a new version of an operator): its inbox, breaker, routes and counters, the
 * per-node counters the running pipeline last published, and the state it handed over.
 */
public final class PipelineSlot {
    private final String name;
    private final Counters counters = new Counters();
    private final Faults faults = new Faults();
    private final Inbox inbox;
    private final Breaker breaker;
    private volatile Routes routes = Routes.NONE;
    private volatile Map<String, java.util.List<Breaker>> outputBreakers = Map.of();
    private volatile Map<String, Map<String, Long>> nodeCounters = Map.of();
    private volatile Map<String, Map<String, Object>> lastState = Map.of();

    /**
     * @param name          the pipeline
     * @param queueCapacity the most events waiting in its inbox
     * @param queueBytes    the most estimated bytes waiting in its inbox
     */
    public PipelineSlot(String name, int queueCapacity, long queueBytes) {
        this.name = name;
        this.inbox = new Inbox(label(), queueCapacity, queueBytes);
        this.breaker = new Breaker(label(), "is not running yet");
    }

    /** @return the pipeline's name */
    public String name() {
        return name;
    }

    /** @return the node label, {@code pipeline/<name>} */
    public String label() {
        return "pipeline/" + name;
    }

    /** @return its failures and quarantine, kept across its managers */
    public Faults faults() {
        return faults;
    }

    /** @return the counters */
    public Counters counters() {
        return counters;
    }

    /** @return the queue in front of it */
    public Inbox inbox() {
        return inbox;
    }

    /** @return its circuit breaker */
    public Breaker breaker() {
        return breaker;
    }

    /** @return where its events go */
    public Routes routes() {
        return routes;
    }

    /** @param routes where its events go from now on */
    public void routes(Routes routes) {
        this.routes = routes;
    }

    /** @return for each output port, the breakers of everything it leads to */
    public Map<String, java.util.List<Breaker>> outputBreakers() {
        return outputBreakers;
    }

    /** @param breakers for each output port, the breakers of everything it leads to */
    public void outputBreakers(Map<String, java.util.List<Breaker>> breakers) {
        this.outputBreakers = Map.copyOf(breakers);
    }

    /** @return node to port to count, as the pipeline last published them */
    public Map<String, Map<String, Long>> nodeCounters() {
        return nodeCounters;
    }

    /** @param counters node to port to count */
    public void nodeCounters(Map<String, Map<String, Long>> counters) {
        this.nodeCounters = counters == null ? Map.of() : counters;
    }

    /** @return per-node state the last pipeline handed over; empty if none */
    public Map<String, Map<String, Object>> lastState() {
        return lastState;
    }

    /** @param state per-node state of the stopping pipeline */
    public void lastState(Map<String, Map<String, Object>> state) {
        this.lastState = state == null ? Map.of() : state;
    }
}
