package io.weir.runtime.internal.manager;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;

import io.weir.api.event.Event;

/**
 * A cheap estimate of the heap an event's value and metadata take, for bounding queues in bytes.
 *
 * <p>It walks the JSON-like value with the sizes of a 64-bit JVM with compressed references (a {@code String} of
 * n Latin-1 characters about 40 + n bytes, a boxed number 16, a member of a hash or tree map 40 plus its value,
 * of any other map, such as the array maps decoders make, its value and two references). Field names are not
 * counted: decoders share them between events. To keep the cost bounded whatever an event holds, a map or list
 * with more than {@value #SAMPLE} members is measured on its first {@value #SAMPLE} and scaled, values nested
 * deeper than {@value #MAX_DEPTH} levels count as one reference each, and a batch is measured on a few of its
 * events (see {@link #estimate(Batch)}). A 630-byte JSON event of Tremor's benchmark data comes out at about
 * 1.7 KB; the heap holds about 1.5 KB of it (1.3 KB of value, measured over 200,000 decoded events, and the
 * event's own objects).
 */
public final class EventSize {
    /** The event object, its id list and id, its tokens, its (empty) metadata map. */
    static final long EVENT_OVERHEAD = 200;
    /** Members of a map or list measured before scaling. */
    static final int SAMPLE = 16;
    /** Nesting measured; deeper values count as a reference. */
    static final int MAX_DEPTH = 8;
    /** Events of a batch measured; the rest are assumed alike. */
    static final int EVENTS_SAMPLED = 2;

    private EventSize() {
    }

    /**
     * @param batch a batch, owned by the caller while this runs
     * @return the estimated heap its events take, in bytes; at least 1 per entry
     */
    public static long estimate(Batch batch) {
        int size = batch.size();
        if (size == 0) {
            return 0;
        }
        int sampled = Math.min(size, EVENTS_SAMPLED);
        long sum = 0;
        for (int k = 0; k < sampled; k++) {
            // Spread over the batch: its first events may differ from its last.
            Event event = batch.event((int) ((long) k * size / sampled));
            sum += event == null ? 16 : of(event);
        }
        return Math.max(size, sum * size / sampled);
    }

    /**
     * @param event an event
     * @return the estimated heap it takes, in bytes
     */
    public static long of(Event event) {
        Map<String, Object> meta = event.meta();
        return EVENT_OVERHEAD + value(event.value(), 0) + (meta.isEmpty() ? 0 : value(meta, 0));
    }

    /**
     * @param value a JSON-like value
     * @param depth how deep it is nested
     * @return its estimated heap size in bytes
     */
    static long value(Object value, int depth) {
        if (value == null || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof String text) {
            return 40 + align(text.length());
        }
        if (value instanceof Number) {
            return 16;
        }
        if (value instanceof byte[] bytes) {
            return 16 + align(bytes.length);
        }
        if (depth >= MAX_DEPTH) {
            return 16;
        }
        if (value instanceof Map<?, ?> map) {
            int n = map.size();
            // The map object and its table or arrays (about 8 bytes a member).
            long own = 64 + 8L * n;
            if (n == 0) {
                return own;
            }
            // A hash or tree map keeps each member in a node of its own.
            long node = map instanceof HashMap || map instanceof TreeMap ? 40 : 0;
            long members = 0;
            int measured = 0;
            for (Iterator<?> it = map.values().iterator(); it.hasNext() && measured < SAMPLE; measured++) {
                members += node + value(it.next(), depth + 1);
            }
            return own + members * n / measured;
        }
        if (value instanceof List<?> list && list instanceof RandomAccess) {
            int n = list.size();
            long own = 40 + 4L * n;
            int measured = Math.min(n, SAMPLE);
            if (measured == 0) {
                return own;
            }
            long members = 0;
            for (int i = 0; i < measured; i++) {
                members += value(list.get(i), depth + 1);
            }
            return own + members * n / measured;
        }
        if (value instanceof Collection<?> collection) {
            int n = collection.size();
            long own = 40 + 24L * n;
            long members = 0;
            int measured = 0;
            for (Iterator<?> it = collection.iterator(); it.hasNext() && measured < SAMPLE; measured++) {
                members += value(it.next(), depth + 1);
            }
            return measured == 0 ? own : own + members * n / measured;
        }
        if (value instanceof Object[] array) {
            int n = array.length;
            long own = 16 + 4L * n;
            int measured = Math.min(n, SAMPLE);
            long members = 0;
            for (int i = 0; i < measured; i++) {
                members += value(array[i], depth + 1);
            }
            return measured == 0 ? own : own + members * n / measured;
        }
        return 16;
    }

    private static long align(int bytes) {
        return (bytes + 7) & ~7L;
    }
}
