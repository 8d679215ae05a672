package io.weir.api.connector;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Completes one deferred event (see {@link SinkEvent#defer()}). Thread-safe; only the first call
 * counts, later ones are ignored.
 */
@ProviderType
public interface Delivery {

    /** The event reached its destination: the source that produced it is told. */
    void ack();

    /**
     * The event could not be delivered: the source that produced it is told and may replay it.
     *
     * @param reason why, for the log and the counters
     */
    void fail(String reason);
}
