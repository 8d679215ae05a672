package io.weir.connector.http.internal.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Caps the requests in flight at {@code max_in_flight}. A request beyond the cap waits, in order,
 * for a slot; the breaker is open while requests in flight and waiting together reach the cap, so
 * the flows feeding the sink pause and the wait stays as short as the batch the runtime was already
 * handing over. Thread-safe.
 */
final class InFlightLimiter {
    private final int max;
    private final Breaker breaker;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private int active;

    InFlightLimiter(int max, Breaker breaker) {
        this.max = max;
        this.breaker = breaker;
    }

    /**
     * @param job a new request
     * @return true when it holds a slot and may start now; false when it waits for one
     */
    boolean enter(Job job) {
        boolean start;
        synchronized (this) {
            if (active < max) {
                active++;
                start = true;
            } else {
                waiting.add(job);
                start = false;
            }
            breaker.want(active + waiting.size() >= max);
        }
        breaker.report();
        return start;
    }

    /**
     * A request finished and gives its slot back.
     *
     * @return the waiting request that takes the slot over and must start now, or null
     */
    Job exit() {
        Job next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                active--;
            }
            breaker.want(active + waiting.size() >= max);
        }
        breaker.report();
        return next;
    }

    /** @return every waiting request, removed from the queue (closing) */
    synchronized List<Job> drainWaiting() {
        List<Job> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    synchronized int active() {
        return active;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
