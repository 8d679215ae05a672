package io.weir.api.connector;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime offers a {@link Sink} while it is open. Thread-safe: a sink may call it from its
 * own threads.
 */
@ProviderType
public interface SinkContext {

    /** @return the instance name of this sink, for messages */
    String name();

    /**
     * The state the previous instance of this sink returned from {@link Sink#snapshot()} before a
     * hot swap, or an empty map. Same for the life of this instance; applied on the first
     * {@link Sink#open}.
     *
     * @return plain-data state; never null
     */
    Map<String, Object> restoredState();

    /**
     * Opens this sink's circuit breaker: it cannot take more now (too many requests in flight, the
     * far side is slow). The sources feeding it pause until {@link #available()} is called. Nothing
     * is dropped.
     *
     * @param reason why, shown in the shell
     */
    void unavailable(String reason);

    /** Closes the circuit breaker again: the sources feeding this sink resume. */
    void available();

    /**
     * Tells the manager the sink lost its connection. The breaker opens, the manager closes the sink
     * and opens it again with backoff; events not yet acknowledged are failed.
     *
     * @param reason why, for the log and the shell
     */
    void connectionLost(String reason);

    /** @return how long {@link Sink#close()} may take before the manager gives up on it */
    long closeTimeoutMillis();
}
