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

    /**
     * Continues a stream of the instance this one replaces (a hot swap, a restart) instead of starting
     * it afresh. The runtime keeps each stream's decoding state when an instance stops for a swap: what
     * the preprocessors buffer (half a line), the decoder, and the numbering of its events. The new
     * instance calls this during {@link Source#open}, once for each stream id it goes on sending on
     * <em>from exactly where its predecessor stopped</em> (it knows them from {@link #restoredState()},
     * or from its own state when it is the same instance opened again); the next bytes it sends on that
     * stream complete the partial record. Streams nobody continues are ended when {@code open} returns,
     * as if their source had ended them: what their preprocessors buffer becomes a last record.
     *
     * <p>Never continue a stream whose id is reused for something else (a new connection numbered like
     * an old one), nor one you read again from an earlier position: the buffered bytes would be glued
     * to data they do not belong to.
     *
     * @param stream the stream id the predecessor sent on
     * @return {@code true} when the stream continues; {@code false} when there is nothing to continue
     *         (the predecessor had ended it or never sent on it, the configuration changed, or a
     *         preprocessor of the stream was itself replaced, so its buffer could not be kept: the runtime
     *         then ended the stream). Always {@code false} outside {@code open}.
     * @since 1.1
     */
    boolean continueStream(long stream);
}
