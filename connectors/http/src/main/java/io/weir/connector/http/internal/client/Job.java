package io.weir.connector.http.internal.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weir.api.connector.Delivery;

/**
 * One request to send: its body and the deliveries it completes (one event, or every event of a
 * batch), across its attempts. Completed exactly once.
 */
final class Job {
    final List<Delivery> deliveries;
    final byte[] body;
    volatile int attempts;
    /** Whether the job holds one of the limiter's slots, which it gives back when done. */
    volatile boolean holdsSlot;
    volatile CompletableFuture<?> inFlight;
    volatile Future<?> retry;
    volatile String lastFailure = "";
    private final AtomicBoolean done = new AtomicBoolean();

    Job(List<Delivery> deliveries, byte[] body) {
        this.deliveries = deliveries;
        this.body = body;
    }

    /** @return true for the one caller that completes the job */
    boolean complete() {
        return done.compareAndSet(false, true);
    }

    boolean done() {
        return done.get();
    }
}
