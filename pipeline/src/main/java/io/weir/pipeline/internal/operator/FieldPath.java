package io.weir.pipeline.internal.operator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.weir.pipeline.internal.event.ArrayMap;

/**
 * A dotted path into an event's map, such as {@code http.status}. Changes maps in place; a map that
 * may be read-only (anything but a {@code HashMap} or {@code TreeMap}) is first replaced by a copy.
 */
final class FieldPath {
    /** What {@link #remove} returns when there was nothing at the path. */
    static final Object ABSENT = new Object();

    private final String key;
    private final String text;
    private final String[] segments;

    private FieldPath(String key, String text, String[] segments) {
        this.key = key;
        this.text = text;
        this.segments = segments;
    }

    /**
     * @param key  the configuration key the path came from, for messages
     * @param text the dotted path
     * @return the path
     * @throws IllegalArgumentException if a segment is empty
     */
    static FieldPath parse(String key, String text) {
        String[] segments = text.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                throw new IllegalArgumentException(key + ": '" + text + "' is not a field path; write field or "
                        + "field.inner");
            }
            // As the decoders' keys are: found in an ArrayMap by identity.
            segments[i] = segments[i].intern();
        }
        return new FieldPath(key, text, segments);
    }

    @Override
    public String toString() {
        return text;
    }

    /** @return the root to keep: {@code root} itself, or a writable copy of it */
    static Map<String, Object> writable(Map<String, Object> map) {
        return map instanceof ArrayMap || map instanceof HashMap || map instanceof TreeMap ? map : new ArrayMap<>(map);
    }

    /**
     * Removes the value at the path.
     *
     * @param root a writable root map
     * @return the value removed, or {@link #ABSENT}
     */
    Object remove(Map<String, Object> root) {
        Map<String, Object> parent = parent(root, false);
        String last = segments[segments.length - 1];
        if (parent == null || !parent.containsKey(last)) {
            return ABSENT;
        }
        return parent.remove(last);
    }

    /**
     * Sets the value at the path, creating the maps on the way.
     *
     * @param root  a writable root map
     * @param value the value
     * @throws IllegalArgumentException when a field on the way holds something other than a map
     */
    void set(Map<String, Object> root, Object value) {
        parent(root, true).put(segments[segments.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parent(Map<String, Object> root, boolean create) {
        Map<String, Object> current = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Object child = current.get(segments[i]);
            if (child == null) {
                if (!create) {
                    return null;
                }
                child = new ArrayMap<String, Object>();
                current.put(segments[i], child);
            } else if (child instanceof Map) {
                Map<String, Object> writable = writable((Map<String, Object>) child);
                if (writable != child) {
                    current.put(segments[i], writable);
                }
                child = writable;
            } else if (create) {
                throw new IllegalArgumentException(key + ": cannot set " + text + " because event."
                        + String.join(".", java.util.Arrays.copyOf(segments, i + 1)) + " is a "
                        + child.getClass().getSimpleName() + ", not a map");
            } else {
                return null;
            }
            current = (Map<String, Object>) child;
        }
        return current;
    }
}
