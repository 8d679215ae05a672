package io.weir.api.connector;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime offers a {@link Source} while it is open. Thread-safe: a source may call it from
 * its own threads.
 *
 * <p>Provided by the runtime: a source that calls a method added in a later minor version (marked
 * {@code @since}) needs a server with at least that version of this package, which its bundle's
 * import range says.
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
     * Reports an error the source saw itself and dealt with, so that it is counted: input it rejected
     * or dropped before handing anything on (a datagram longer than allowed, a request answered with
     * a 4xx status, a failed TLS handshake), or data it lost (a file truncated before it was read).
     * The runtime counts each {@code kind} separately for this source ({@code weir:stats} shows the
     * counts), shows {@code message} as the source's last error, and logs it, at most one line per
     * kind every ten seconds so that a flood of garbage cannot flood the log. The source goes on: this
     * neither fails nor closes it (see {@link #connectionLost} for that).
     *
     * <p>Malformed records the source hands on need no call: the runtime counts what its
     * preprocessors and codec reject and sends it to the {@code err} port.
     *
     * <p>Any thread, never blocks, cheap (a counter increment and, now and then, a log line): it may
     * be called for every bad input on a network thread.
     *
     * @param kind    what went wrong, a short name that stays the same from release to release, for
     *                example {@code oversize}, {@code bad_request}, {@code tls}: lower-case letters,
     *                digits and {@code _}, at most 32 characters (others are replaced by {@code _},
     *                longer names cut). Use a small fixed set: the runtime keeps at most 32 kinds per
     *                source and counts any further one as {@code other}
     * @param message what happened, one line for operators, naming what they need to find the cause
     *                (the peer, the limit and its option); may be null
     * @since 1.1
     */
    void error(String kind, String message);

    /**
     * Tells the runtime where this source can be reached, once it listens: {@code weir:connectors}
     * shows it beside the instance until the source is closed. This is how an operator learns the
     * port actually bound when the configuration said {@code 0}. Call it in {@link Source#open},
     * after binding; a source that is reached on no address of its own never calls it.
     *
     * <p>Any thread, never blocks.
     *
     * @param endpoint the address as a URI for operators, for example {@code tcp://127.0.0.1:40123}
     *                 or {@code http://127.0.0.1:8080/ingest}; null when it no longer listens
     * @since 1.1
     */
    void endpoint(String endpoint);

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
