package io.weir.runtime.internal.manager;

import java.util.Map;

import io.weir.runtime.internal.stats.Counters;
import io.weir.runtime.internal.stats.Latency;

/**
 * The place of one sink instance in the flows, which outlives the managers that run it: its inbox
 * (so events waiting for the sink survive a restart or a new version of the plugin), its breaker,
 * counters and latency, and the state the last instance handed over.
 */
public final class SinkSlot {
    private final String name;
    private final Counters counters = new Counters();
    private final Faults faults = new Faults();
    private final Latency latency = new Latency();
    private final Inbox inbox;
    private final Breaker breaker;
    private volatile Map<String, Object> lastState = Map.of();

    /**
     * @param name          the sink instance
     * @param queueCapacity the most events waiting in its inbox
     * @param queueBytes    the most estimated bytes waiting in its inbox
     */
    public SinkSlot(String name, int queueCapacity, long queueBytes) {
        this.name = name;
        this.inbox = new Inbox(label(), queueCapacity, queueBytes);
        this.breaker = new Breaker(label(), "is not open yet");
    }

    /** @return the sink instance */
    public String name() {
        return name;
    }

    /** @return the node label, {@code sink/<name>} */
    public String label() {
        return "sink/" + name;
    }

    /** @return its failures and quarantine, kept across its managers */
    public Faults faults() {
        return faults;
    }

    /** @return the counters */
    public Counters counters() {
        return counters;
    }

    /** @return end-to-end latency of what it acknowledged */
    public Latency latency() {
        return latency;
    }

    /** @return the queue in front of it */
    public Inbox inbox() {
        return inbox;
    }

    /** @return its circuit breaker */
    public Breaker breaker() {
        return breaker;
    }

    /** @return the state the last instance returned from {@code snapshot()}; empty if none */
    public Map<String, Object> lastState() {
        return lastState;
    }

    /** @param state the state the stopping instance returned */
    public void lastState(Map<String, Object> state) {
        this.lastState = state == null ? Map.of() : state;
    }
}
