package io.weir.connector.http.internal.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.SinkEvent;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/** An event as the sink manager hands it over, with a delivery that records its outcome. */
final class FakeSinkEvent implements SinkEvent, Delivery {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final Event event;
    private final List<byte[]> frames = new ArrayList<>();
    private final AtomicReference<String> outcome = new AtomicReference<>();
    private final AtomicInteger completions = new AtomicInteger();
    private boolean deferred;

    /** @param frames the encoded frames, as text */
    FakeSinkEvent(String... frames) {
        int n = SEQUENCE.incrementAndGet();
        this.event = new Event(new EventId("test", 0, n, n), System.nanoTime(), Map.of(), Map.of());
        for (String frame : frames) {
            this.frames.add(frame.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public Event event() {
        return event;
    }

    @Override
    public List<byte[]> frames() {
        return frames;
    }

    @Override
    public synchronized Delivery defer() {
        if (deferred) {
            throw new AssertionError("deferred twice");
        }
        deferred = true;
        return this;
    }

    @Override
    public void ack() {
        completions.incrementAndGet();
        outcome.compareAndSet(null, "ack");
    }

    @Override
    public void fail(String reason) {
        completions.incrementAndGet();
        outcome.compareAndSet(null, "fail: " + reason);
    }

    /** @return null while pending, "ack", or "fail: reason" */
    String outcome() {
        return outcome.get();
    }

    int completions() {
        return completions.get();
    }
}
