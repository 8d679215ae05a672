package io.weir.connector.http.internal.client;

import java.util.concurrent.atomic.AtomicInteger;

import io.weir.api.connector.SinkContext;

/**
 * Tells the runtime when the sink's circuit breaker opens and closes. The wanted state is set
 * under the limiter's lock, in order; the runtime is told from outside that lock, by one thread at
 * a time (whoever comes while another thread reports leaves the work to it), so the last word the
 * runtime hears is always the current state and no lock is held while calling it.
 */
final class Breaker {
    private final SinkContext context;
    private final String reason;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean wantOpen;
    private volatile boolean silenced;
    private volatile boolean reportedOpen;

    Breaker(SinkContext context, String reason) {
        this.context = context;
        this.reason = reason;
    }

    /** @param open the state the breaker should be in; call {@link #report} afterwards */
    void want(boolean open) {
        wantOpen = open;
    }

    /** Brings the runtime up to date with the wanted state. Never blocks on another thread. */
    void report() {
        if (pending.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            boolean open = wantOpen;
            if (open != reportedOpen && !silenced) {
                reportedOpen = open;
                try {
                    if (open) {
                        context.unavailable(reason);
                    } else {
                        context.available();
                    }
                } catch (RuntimeException e) {
                    // The runtime's problem; the breaker state here stays right.
                }
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }

    /** The sink is closing: the runtime is told nothing more. */
    void silence() {
        silenced = true;
    }

    /** @return whether the runtime was last told the breaker is open (for tests) */
    boolean reportedOpen() {
        return reportedOpen;
    }
}
