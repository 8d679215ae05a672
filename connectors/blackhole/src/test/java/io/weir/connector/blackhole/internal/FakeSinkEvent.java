package io.weir.connector.blackhole.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.SinkEvent;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/** A {@link SinkEvent} with given frames; records a deferred completion. */
final class FakeSinkEvent implements SinkEvent {
    private final Event event;
    private final List<byte[]> frames;
    final List<String> completions = new ArrayList<>();

    FakeSinkEvent(Event event, List<byte[]> frames) {
        this.event = event;
        this.frames = frames;
    }

    static FakeSinkEvent of(long sequence, String... frames) {
        List<byte[]> bytes = new ArrayList<>();
        for (String frame : frames) {
            bytes.add(frame.getBytes(StandardCharsets.UTF_8));
        }
        Event event = new Event(new EventId("test", 0, sequence, sequence), System.nanoTime(), null, Map.of());
        return new FakeSinkEvent(event, bytes);
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
    public Delivery defer() {
        return new Delivery() {
            @Override
            public void ack() {
                completions.add("ack");
            }

            @Override
            public void fail(String reason) {
                completions.add("fail: " + reason);
            }
        };
    }
}
