package io.weir.api.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event: a JSON-like value, its metadata, the ids it must acknowledge and the time it entered
 * the server.
 *
 * <p>The value and the metadata are plain data (see the package documentation). An event whose
 * value was assembled from several input events (a batch, a window aggregate) carries the ids of
 * all of them, so that acknowledging it acknowledges each of them.
 *
 * <p>An {@code Event} is handed from stage to stage, never shared between two stages at once: the
 * operator or sink that receives it owns it and may modify its value and metadata in place. It is
 * not thread-safe.
 */
public final class Event {
    private final List<EventId> ids;
    private final long ingestNanos;
    private Object value;
    private Map<String, Object> meta;

    /**
     * @param id          the id of the input this event came from; never null
     * @param ingestNanos {@link System#nanoTime()} when the data entered the server, used for
     *                    end-to-end latency
     * @param value       the JSON-like value
     * @param meta        metadata (for example the peer address or HTTP headers); may be empty,
     *                    never null
     */
    public Event(EventId id, long ingestNanos, Object value, Map<String, Object> meta) {
        this(List.of(Objects.requireNonNull(id, "id")), ingestNanos, value, meta);
    }

    /**
     * Creates an event that stands for several inputs, for example a batch.
     *
     * @param ids         the ids of all inputs; at least one
     * @param ingestNanos the ingest time of the oldest input
     * @param value       the JSON-like value
     * @param meta        metadata; never null
     * @throws IllegalArgumentException if {@code ids} is empty
     */
    public Event(List<EventId> ids, long ingestNanos, Object value, Map<String, Object> meta) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("an event needs at least one id");
        }
        this.ids = ids;
        this.ingestNanos = ingestNanos;
        this.value = value;
        this.meta = Objects.requireNonNull(meta, "meta");
    }

    /**
     * Creates an event standing for all the given events: their ids in order, the oldest ingest
     * time, the given value and empty metadata.
     *
     * @param parts the events merged; at least one
     * @param value the merged value
     * @return the merged event
     */
    public static Event merge(List<Event> parts, Object value) {
        List<EventId> all = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        for (Event part : parts) {
            all.addAll(part.ids);
            oldest = Math.min(oldest, part.ingestNanos);
        }
        return new Event(Collections.unmodifiableList(all), oldest, value, new java.util.HashMap<>());
    }

    /** @return the id of the first input this event stands for */
    public EventId id() {
        return ids.get(0);
    }

    /** @return the ids of every input this event stands for, in input order; unmodifiable */
    public List<EventId> ids() {
        return ids;
    }

    /** @return {@link System#nanoTime()} when the (oldest) input entered the server */
    public long ingestNanos() {
        return ingestNanos;
    }

    /** @return the JSON-like value */
    public Object value() {
        return value;
    }

    /** @param value the new JSON-like value */
    public void value(Object value) {
        this.value = value;
    }

    /** @return the metadata map, modifiable by the current owner of the event */
    public Map<String, Object> meta() {
        return meta;
    }

    /** @param meta the new metadata; never null */
    public void meta(Map<String, Object> meta) {
        this.meta = Objects.requireNonNull(meta, "meta");
    }

    @Override
    public String toString() {
        return "Event" + ids + "{" + value + ", meta=" + meta + "}";
    }
}
