package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weir.api.event.Event;

/** Copies of events for fan-out: each receiver owns its event and may change it in place. */
public final class Events {
    private Events() {
    }

    /**
     * @param event an event
     * @return an independent copy with the same ids and ingest time
     */
    public static Event copy(Event event) {
        return new Event(event.ids(), event.ingestNanos(), copyValue(event.value()), copyMeta(event.meta()));
    }

    /**
     * @param meta metadata
     * @return a modifiable deep copy
     */
    public static Map<String, Object> copyMeta(Map<String, Object> meta) {
        if (meta.isEmpty()) {
            return new HashMap<>();
        }
        Map<String, Object> copy = new HashMap<>(meta.size() * 2);
        meta.forEach((k, v) -> copy.put(k, copyValue(v)));
        return copy;
    }

    /**
     * @param value a JSON-like value
     * @return a deep copy; immutable leaves (strings, numbers, booleans) are shared
     */
    public static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> copy.put(k, copyValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(copyValue(item));
            }
            return copy;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        return value;
    }
}
