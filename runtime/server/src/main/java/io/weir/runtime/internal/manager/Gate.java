package io.weir.runtime.internal.manager;

import java.util.List;

/**
 * What a source waits for before it pulls: every breaker downstream of it closed (sinks open and
 * available, pipelines running) and no operator pause on a flow it belongs to. Immutable; the engine
 * publishes a new gate when the wiring changes.
 */
public final class Gate {
    private final Breaker[] downstream;
    private final String pausedBy;

    /**
     * @param downstream every breaker on any path from the source
     * @param pausedBy   why the operator paused the source's flow, or {@code null}
     */
    public Gate(List<Breaker> downstream, String pausedBy) {
        this.downstream = downstream.toArray(new Breaker[0]);
        this.pausedBy = pausedBy;
    }

    /** @return why the source must not pull now, or {@code null} when it may */
    public String blockedReason() {
        if (pausedBy != null) {
            return pausedBy;
        }
        for (Breaker breaker : downstream) {
            String reason = breaker.reason();
            if (reason != null) {
                return breaker.label() + " " + reason;
            }
        }
        return null;
    }
}
