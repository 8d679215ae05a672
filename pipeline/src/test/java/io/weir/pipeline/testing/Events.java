package io.weir.pipeline.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/** Builds events and values for tests. */
public final class Events {
    private Events() {
    }

    /** @return an event from source "test", stream 0, with the given sequence, ingested at 0 */
    public static Event event(long sequence, Object value) {
        return event(sequence, 0, value);
    }

    public static Event event(long sequence, long ingestNanos, Object value) {
        return new Event(id(sequence), ingestNanos, value, new HashMap<>());
    }

    public static EventId id(long sequence) {
        return new EventId("test", 0, sequence, sequence * 10);
    }

    /** @return a mutable map of alternating keys and values */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
