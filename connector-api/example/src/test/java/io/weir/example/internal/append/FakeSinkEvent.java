package io.weir.example.internal.append;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.SinkEvent;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/** An event as the sink manager hands it over: the event and the frames its codec made. */
final class FakeSinkEvent implements SinkEvent {
    private static long sequence;
    private final Event event;
    private final List<byte[]> frames = new ArrayList<>();

    /** @param frames the encoded frames, as text */
    FakeSinkEvent(String... frames) {
        this.event = new Event(new EventId("test", 0, sequence, sequence), System.nanoTime(), Map.of(), Map.of());
        sequence++;
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
    public Delivery defer() {
        throw new AssertionError("the append sink acknowledges on flush and never defers");
    }
}
