package io.weir.pipeline.internal.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/**
 * One group's open window: the ids of the events in it (so the aggregate acknowledges them all),
 * the oldest ingest time and one {@link Aggregate} per aggregated value. The events themselves are
 * not kept.
 */
final class WindowGroup {
    final Object key;
    final long openedNanos;
    final Aggregate[] aggregates;
    private final List<EventId> ids = new ArrayList<>();
    private long oldestIngest = Long.MAX_VALUE;
    long events;

    WindowGroup(Object key, long openedNanos, Aggregate[] aggregates) {
        this.key = key;
        this.openedNanos = openedNanos;
        this.aggregates = aggregates;
    }

    /** @param values one number (or null, to skip) per aggregate */
    void add(Event event, Number[] values) {
        events++;
        ids.addAll(event.ids());
        oldestIngest = Math.min(oldestIngest, event.ingestNanos());
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                aggregates[i].add(values[i]);
            }
        }
    }

    /**
     * @param names    the aggregates' names
     * @param groupKey whether to report the group's key
     * @return the window's result as an event standing for every event in the window
     */
    Event result(String[] names, boolean groupKey) {
        Map<String, Object> value = new LinkedHashMap<>();
        if (groupKey) {
            value.put("group", key);
        }
        value.put("count", events);
        for (int i = 0; i < names.length; i++) {
            value.put(names[i], aggregates[i].result());
        }
        return new Event(ids, oldestIngest, value, new HashMap<>());
    }
}
