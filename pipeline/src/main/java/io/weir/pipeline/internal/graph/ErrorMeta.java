package io.weir.pipeline.internal.graph;

import java.util.HashMap;
import java.util.Map;

import io.weir.api.event.Event;

/** Writes why an event failed into its metadata before it goes to an err port. */
final class ErrorMeta {
    /** Metadata key holding the reason. */
    static final String ERROR = "error";
    /** Metadata key holding the node that failed. */
    static final String ERROR_NODE = "error_node";

    private ErrorMeta() {
    }

    static void mark(Event event, String node, Throwable t) {
        String message = t.getMessage();
        put(event, ERROR, message == null || message.isBlank() ? t.getClass().getName() : message);
        put(event, ERROR_NODE, node);
    }

    private static void put(Event event, String key, Object value) {
        try {
            event.meta().put(key, value);
        } catch (UnsupportedOperationException readOnly) {
            // A source may hand over immutable metadata; the event's owner may replace it.
            Map<String, Object> copy = new HashMap<>(event.meta());
            copy.put(key, value);
            event.meta(copy);
        }
    }
}
