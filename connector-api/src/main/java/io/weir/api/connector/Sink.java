package io.weir.api.connector;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A sink takes events out of Weir. Its manager encodes each event with the configured codec and
 * postprocessors, so a byte-oriented sink only writes the frames it is given; a structured sink
 * reads {@link SinkEvent#event()} instead.
 *
 * <p>Lifecycle, all driven by the sink's manager thread: {@link #open} (again after a failure or a
 * lost connection), then for every batch of events one {@link #write} per event followed by one
 * {@link #flush}, and {@link #close} at the end. The manager never calls two of these methods at
 * the same time.
 *
 * <p>Acknowledgement: an event whose {@code write} returned normally is acknowledged when the
 * following {@code flush} returns normally; if {@code write} or {@code flush} throws, the events
 * of the batch not yet acknowledged are failed, the circuit breaker opens, the sink is closed and
 * opened again with backoff. A sink that completes deliveries later (an HTTP client with requests
 * in flight) calls {@link SinkEvent#defer()} and completes each event itself.
 */
@ConsumerType
public interface Sink {

    /**
     * Opens the sink: connects, opens files. While a sink is not open its circuit breaker is open
     * and the sources feeding it are paused; sources start only once every sink downstream is open.
     *
     * @param context what the runtime offers this sink; valid until {@link #close} returns
     * @throws Exception when the sink cannot open now; retried with backoff
     */
    void open(SinkContext context) throws Exception;

    /**
     * Takes one event.
     *
     * @param event the event and its encoded frames; only valid during this call unless deferred
     * @throws Exception when the event could not be taken; the event is failed
     */
    void write(SinkEvent event) throws Exception;

    /**
     * Makes what the preceding {@link #write} calls took durable or sent (flushes buffers). Events
     * written since the last flush and not deferred are acknowledged when this returns normally.
     *
     * @throws Exception when the data could not be made durable; those events are failed
     */
    default void flush() throws Exception {
    }

    /**
     * Returns the state this sink wants to hand to the instance that replaces it in a hot swap.
     * Called on the manager thread after the last {@link #flush}, before {@link #close}. Plain data
     * only (see {@link io.weir.api.event}).
     *
     * @return the state; empty when there is none
     */
    default Map<String, Object> snapshot() {
        return Map.of();
    }

    /**
     * Releases everything: ends the sink's threads, closes connections and files, after failing or
     * completing its deferred events. Should return within {@link SinkContext#closeTimeoutMillis()};
     * after that the manager abandons the call and reports the instance as hung.
     *
     * @throws Exception when closing failed; logged, and the instance is considered closed
     */
    void close() throws Exception;
}
