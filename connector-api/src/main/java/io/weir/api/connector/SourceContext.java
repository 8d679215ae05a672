package io.weir.api.connector;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime offers a {@link Source} while it is open. Thread-safe: a source may call it from
 * its own threads.
 */
@ProviderType
public interface SourceContext {

    /** @return the instance name of this source, for messages */
    String name();

    /**
     * The state the previous instance of this source returned from {@link Source#snapshot()} before
     * a hot swap, or an empty map when this instance is not a replacement. It stays the same for the
     * life of this instance: a source applies it on its first {@link Source#open} and, when it is
     * opened again after a failure, continues from its own current state instead.
     *
     * @return plain-data state; never null
     */
    Map<String, Object> restoredState();

    /**
     * Tells the manager the source lost its connection to the outside world. The manager closes
     * the source and opens it again with backoff.
     *
     * @param reason why, for the log and the shell
     */
    void connectionLost(String reason);

    /** @return how long {@link Source#close()} may take before the manager gives up on it */
    long closeTimeoutMillis();
}
