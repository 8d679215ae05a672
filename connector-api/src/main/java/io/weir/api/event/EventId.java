package io.weir.api.event;

import java.util.Objects;

/**
 * Identifies where an event came from, so that the runtime can route its acknowledgement back to
 * the source that produced it.
 *
 * <p>{@code source} is the name of the source instance, {@code stream} the source's stream (a TCP
 * connection, a file), {@code sequence} the runtime's counter of events within that stream
 * (starting at 0, strictly increasing, so it also gives the order within a stream), and
 * {@code position} the source-chosen token of the data the event was decoded from (for example a
 * file offset or a Kafka offset) that the source receives again in
 * {@link io.weir.api.connector.Source#ack} and {@link io.weir.api.connector.Source#fail}.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventId {
    private final String source;
    private final long stream;
    private final long sequence;
    private final long position;

    /**
     * @param source   name of the source instance; never null
     * @param stream   the source's stream id
     * @param sequence the runtime's sequence number within the stream
     * @param position the source-chosen position of the data this event came from
     */
    public EventId(String source, long stream, long sequence, long position) {
        this.source = Objects.requireNonNull(source, "source");
        this.stream = stream;
        this.sequence = sequence;
        this.position = position;
    }

    /** @return the name of the source instance that produced the event */
    public String source() {
        return source;
    }

    /** @return the stream within the source */
    public long stream() {
        return stream;
    }

    /** @return the runtime's sequence number of the event within its stream */
    public long sequence() {
        return sequence;
    }

    /** @return the source-chosen position of the data the event was decoded from */
    public long position() {
        return position;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EventId)) {
            return false;
        }
        EventId other = (EventId) o;
        return stream == other.stream && sequence == other.sequence && position == other.position
                && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, stream, sequence, position);
    }

    @Override
    public String toString() {
        return source + "/" + stream + "/" + sequence + "@" + position;
    }
}
