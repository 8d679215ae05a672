package io.weir.connector.file.internal.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.SinkEvent;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/** A {@link SinkEvent} with given frames that records a deferred outcome. */
public final class FakeSinkEvent implements SinkEvent {
    private static long sequence;
    private final Event event;
    private final List<byte[]> frames;
    /** "ack", "fail: reason", or null while not deferred or not completed. */
    public volatile String outcome;
    public volatile boolean deferred;

    public FakeSinkEvent(List<byte[]> frames) {
        this.event = new Event(new EventId("test", 0, sequence++, 0), System.nanoTime(), null, Map.of());
        this.frames = frames;
    }

    /** @return an event with one frame per text, UTF-8 */
    public static FakeSinkEvent of(String... texts) {
        List<byte[]> frames = new ArrayList<>();
        for (String text : texts) {
            frames.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return new FakeSinkEvent(frames);
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
        deferred = true;
        return new Delivery() {
            @Override
            public void ack() {
                if (outcome == null) {
                    outcome = "ack";
                }
            }

            @Override
            public void fail(String reason) {
                if (outcome == null) {
                    outcome = "fail: " + reason;
                }
            }
        };
    }
}
