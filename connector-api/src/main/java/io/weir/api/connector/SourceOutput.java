package io.weir.api.connector;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link Source} delivers what it read during one {@link Source#pull} call.
 *
 * <p>Each stream is processed in the order its calls are made. Only the manager thread that
 * called {@code pull} may use this object, and only during that call.
 */
@ProviderType
public interface SourceOutput {

    /**
     * Delivers raw bytes of a stream. The runtime runs them through the stream's preprocessors and
     * codec before this method returns, so the source may reuse {@code data} afterwards; the runtime
     * never writes into {@code data}, so a source may hand over a shared read-only buffer. The first
     * data of an unknown stream id starts that stream.
     *
     * @param stream   the stream id, chosen by the source (for example one per connection)
     * @param position a source-chosen token handed back in {@link Source#ack} / {@link Source#fail}
     *                 for every event decoded from this data
     * @param data     the buffer
     * @param offset   where the data starts in {@code data}
     * @param length   how many bytes
     * @param meta     metadata given to every event decoded from this data (for example the peer
     *                 address); the runtime does not modify it
     */
    void data(long stream, long position, byte[] data, int offset, int length, Map<String, Object> meta);

    /**
     * Delivers one structured value, bypassing preprocessors and codec.
     *
     * @param stream   the stream id
     * @param position a source-chosen token handed back in {@link Source#ack} / {@link Source#fail}
     * @param value    a JSON-like value (see {@link io.weir.api.event})
     * @param meta     metadata of the event
     */
    void value(long stream, long position, Object value, Map<String, Object> meta);

    /**
     * Ends a stream: the runtime flushes its preprocessors (a last line without separator becomes
     * an event) and drops its per-stream state. Data arriving later for the same id starts a new
     * stream.
     *
     * @param stream the stream id
     */
    void streamEnd(long stream);

    /**
     * Whether what this pull handed on already fills the room downstream. A source that can stop
     * where it is and go on from there at the next pull (it keeps unread data in its own buffers or in
     * the operating system's) checks this between the pieces it hands on and returns once it is
     * {@code true}: it then holds no more memory in the runtime than the queues between the nodes
     * allow, and other flows get the cores sooner. What a source hands on regardless is not lost: the
     * runtime holds it until there is room, and does not call {@link Source#pull} again before.
     *
     * <p>Cheap: a field read. Only valid during the pull, like the rest of this object.
     *
     * @return {@code true} when the source should return from {@code pull} now
     * @since 1.1
     */
    default boolean full() {
        return false;
    }
}
