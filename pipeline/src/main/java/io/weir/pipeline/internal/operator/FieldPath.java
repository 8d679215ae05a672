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

    /** @return whether the path has more than one segment, so that {@link #set} can fail */
    boolean nested() {
        return segments.length > 1;
    }

    /** @return the number of segments */
    int depth() {
        return segments.length;
    }

    /** @return whether {@code other} is this path or a path inside it */
    boolean covers(FieldPath other) {
        return covers(other.segments, other.segments.length);
    }

    /** @return whether the first {@code length} segments of {@code path} are this path or a path inside it */
    private boolean covers(String[] path, int length) {
        if (segments.length > length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells, without changing anything, whether there is a field at the path.
     *
     * @param root the root map
     * @return whether the field is there
     */
    @SuppressWarnings("unchecked")
    boolean present(Map<String, Object> root) {
        Map<String, Object> current = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Object child = current.get(segments[i]);
            if (!(child instanceof Map)) {
                return false;
            }
            current = (Map<String, Object>) child;
        }
        return current.containsKey(segments[segments.length - 1]);
    }

    /**
     * Checks, without changing anything, that {@link #set} will succeed once the paths in {@code removed} are
     * removed from {@code root}: that no field on the way holds something other than a map, unless one of
     * those paths takes it away. Assumes that nothing else writes a field on the way.
     *
     * @param root    the root map, as it is before the removals
     * @param removed the paths removed before the value is set
     * @throws IllegalArgumentException as {@link #set} would
     */
    @SuppressWarnings("unchecked")
    void checkSettable(Map<String, Object> root, FieldPath[] removed) {
        Map<String, Object> current = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Object child = current.get(segments[i]);
            if (child == null) {
                return;
            }
            if (!(child instanceof Map)) {
                for (FieldPath path : removed) {
                    if (path.covers(segments, i + 1)) {
                        return;
                    }
                }
                throw notAMap(i, child);
            }
            current = (Map<String, Object>) child;
        }
    }

    private IllegalArgumentException notAMap(int i, Object child) {
        return new IllegalArgumentException(key + ": cannot set " + text + " because event."
                + String.join(".", java.util.Arrays.copyOf(segments, i + 1)) + " is a "
                + child.getClass().getSimpleName() + ", not a map");
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
                throw notAMap(i, child);
            } else {
                return null;
            }
            current = (Map<String, Object>) child;
        }
        return current;
    }
}
