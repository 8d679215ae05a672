package io.weir.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.SinkEvent;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/**
 * An event as the sink manager hands it to a sink, for tests: given frames, and a delivery that
 * records how the sink completed it. Thread-safe: sinks complete deferred events on their own
 * threads.
 */
public final class FakeSinkEvent implements SinkEvent {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final Event event;
    private final List<byte[]> frames;
    private final AtomicBoolean deferred = new AtomicBoolean();
    private final List<String> completions = new CopyOnWriteArrayList<>();
    private final Delivery delivery = new Delivery() {
        @Override
        public void ack() {
            completions.add("ack");
        }

        @Override
        public void fail(String reason) {
            completions.add("fail: " + reason);
        }
    };

    /**
     * @param event  the event, for a test that needs its ids, ingest time or value
     * @param frames the encoded event
     */
    public FakeSinkEvent(Event event, List<byte[]> frames) {
        this.event = event;
        this.frames = frames;
    }

    /** @param frames the encoded event, of an event from source {@code test} with the next sequence number */
    public FakeSinkEvent(List<byte[]> frames) {
        this(next(), frames);
    }

    /** @return an event with one frame per text, UTF-8 */
    public static FakeSinkEvent of(String... texts) {
        List<byte[]> frames = new ArrayList<>();
        for (String text : texts) {
            frames.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return new FakeSinkEvent(frames);
    }

    private static Event next() {
        long n = SEQUENCE.incrementAndGet();
        return new Event(new EventId("test", 0, n, n), System.nanoTime(), Map.of(), Map.of());
    }

    @Override
    public Event event() {
        return event;
    }

    @Override
    public List<byte[]> frames() {
        return frames;
    }

    /** @throws AssertionError on a second call: a sink takes over an event's acknowledgement once */
    @Override
    public Delivery defer() {
        if (!deferred.compareAndSet(false, true)) {
            throw new AssertionError("deferred twice");
        }
        return delivery;
    }

    /** @return whether the sink called {@link #defer()} */
    public boolean deferred() {
        return deferred.get();
    }

    /** @return null while not completed, else the first completion: {@code "ack"} or {@code "fail: <reason>"} */
    public String outcome() {
        return completions.isEmpty() ? null : completions.get(0);
    }

    /** @return every completion, oldest first; a correct sink completes a deferred event exactly once */
    public List<String> completions() {
        return List.copyOf(completions);
    }
}
