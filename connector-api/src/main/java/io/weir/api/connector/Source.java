package io.weir.api.connector;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source brings data into Weir: raw bytes tagged with a stream id, which the runtime splits and
 * decodes per stream with the configured preprocessors and codec, or already structured values.
 *
 * <p>Lifecycle, all driven by the source's manager thread: {@link #open} once (again after a
 * failure or a reconnect), then {@link #pull} in a loop while the flow runs, {@link #pause} and
 * {@link #resume} when the circuit breaker of a downstream sink opens and closes,
 * {@link #snapshot} before a hot swap, and {@link #close} at the end. The manager never calls two
 * of these methods at the same time.
 *
 * <p>A source that owns threads of its own (an accept loop, a client library's I/O threads) starts
 * them in {@code open} and must have ended all of them when {@code close} returns: the runtime
 * checks that no thread a plugin started outlives it and reports any by name.
 */
@ConsumerType
public interface Source {

    /**
     * Opens the source: connects, binds, opens files. The source starts paused from the point of
     * view of the data path; nothing is pulled before {@code open} returns.
     *
     * <p>If this throws, the manager logs the error, calls {@link #close}, and calls {@code open}
     * again after an exponential backoff.
     *
     * @param context what the runtime offers this source; valid until {@link #close} returns
     * @throws Exception when the source cannot open now
     */
    void open(SourceContext context) throws Exception;

    /**
     * Produces data. Called in a loop by the manager thread while the flow runs. The source hands
     * what it has to {@code output} (any number of chunks, values and stream ends) and returns; when
     * it has nothing, it waits at most {@code timeoutMillis} for data before returning so that the
     * manager can react to pause and shutdown.
     *
     * <p>If this throws, the manager treats the source as failed: it logs the error, closes the
     * source, and opens it again with backoff.
     *
     * <p>A timeout of 0 asks for what is at hand without waiting: the runtime asks so first, and waits
     * with a longer timeout only when that brought nothing. A source that paces itself (a tick every
     * second) therefore hands on nothing until its next piece is due, rather than sleeping for the
     * timeout and then handing it on.
     *
     * @param output        receives the data; only valid during this call
     * @param timeoutMillis the longest this call may block when no data is available
     * @return {@code true} to be called again, {@code false} when the source has delivered all its
     *         data for good (a replay that finished, a file read whole). A finite source that wants
     *         to replay what sinks fail keeps returning {@code true} (idle) until the outcomes it
     *         waits for have arrived.
     * @throws Exception when reading failed
     */
    boolean pull(SourceOutput output, long timeoutMillis) throws Exception;

    /**
     * Every sink took the event that was decoded from {@code position} on {@code stream} and
     * acknowledged it. A source that can commit (a file offset, a Kafka offset) does so here. A
     * source receives one call per event, in no guaranteed order across streams and possibly after
     * later positions of the same stream.
     *
     * <p>Called from a manager thread, possibly concurrently with {@link #pull}; implementations
     * must be thread-safe and must not block. Exceptions are logged and ignored. Outcomes of events
     * produced by an instance that was replaced in a hot swap reach the replacement, so a source
     * that replays must recognise its predecessor's streams and positions from the state it was
     * handed.
     *
     * @param stream   the stream id given with the data
     * @param position the position given with the data
     */
    default void ack(long stream, long position) {
    }

    /**
     * A sink failed the event decoded from {@code position} on {@code stream}, or it could not be
     * delivered in time. A source that can replay does so from there; others ignore it.
     *
     * <p>Same threading rules as {@link #ack}.
     *
     * @param stream   the stream id given with the data
     * @param position the position given with the data
     */
    default void fail(long stream, long position) {
    }

    /**
     * The circuit breaker of a sink downstream opened: stop reading from the outside world where
     * the protocol allows (stop accepting, stop polling) instead of buffering. {@link #pull} is not
     * called while paused.
     */
    default void pause() {
    }

    /** The circuit breaker closed again: resume reading. */
    default void resume() {
    }

    /**
     * Returns the state this source wants to hand to the instance that replaces it in a hot swap
     * (for example the offsets it read to). Called on the manager thread after the last
     * {@link #pull}, before {@link #close}. The state must be plain data (see
     * {@link io.weir.api.event}): the new instance may come from a different class loader.
     *
     * @return the state; empty when there is none
     */
    default Map<String, Object> snapshot() {
        return Map.of();
    }

    /**
     * Releases everything: stops the source's threads, closes its sockets and files. Called on the
     * manager thread; the source should return within {@link SourceContext#closeTimeoutMillis()},
     * after which the manager abandons the call and reports the instance as hung. A source that
     * failed to open is still closed.
     *
     * @throws Exception when closing failed; logged, and the instance is considered closed
     */
    void close() throws Exception;
}
