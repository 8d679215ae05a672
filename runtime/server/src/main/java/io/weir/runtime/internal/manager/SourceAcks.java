package io.weir.runtime.internal.manager;

import java.util.concurrent.atomic.AtomicLong;

import io.weir.api.connector.Source;
import io.weir.api.event.EventId;
import io.weir.runtime.internal.stats.Counters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outcome of a source's events back to the source: {@link Source#ack} or
 * {@link Source#fail}, on whichever thread completed the last copy. The target follows the source
 * instance currently running under this name, so outcomes that arrive after a restart still reach
 * it. Exceptions from the source are logged (the first, then every 10,000th) and otherwise ignored,
 * as the SPI promises.
 */
public final class SourceAcks {
    private static final Logger LOG = LoggerFactory.getLogger(SourceAcks.class);

    private final String name;
    private final Counters counters;
    private final AtomicLong errors = new AtomicLong();
    private volatile Source target;

    /**
     * @param name     the source instance, for messages
     * @param counters where acknowledgements and failures are counted
     */
    public SourceAcks(String name, Counters counters) {
        this.name = name;
        this.counters = counters;
    }

    /** @param source the instance that receives outcomes from now on; {@code null} drops them */
    public void target(Source source) {
        this.target = source;
    }

    /**
     * Tells the source that an input was delivered everywhere, or failed somewhere.
     *
     * @param id      the input
     * @param success acknowledged or failed
     */
    public void complete(EventId id, boolean success) {
        if (success) {
            counters.acked.increment();
        } else {
            counters.failed.increment();
        }
        Source source = target;
        if (source == null) {
            return;
        }
        try {
            if (success) {
                source.ack(id.stream(), id.position());
            } else {
                source.fail(id.stream(), id.position());
            }
        } catch (Throwable t) {
            long n = errors.incrementAndGet();
            if (n == 1 || n % 10_000 == 0) {
                LOG.warn("source '{}': {} threw (occurrence {}, ignored as the connector API specifies)", name,
                        success ? "ack" : "fail", n, t);
            }
        }
    }

    /**
     * Whether a source wants outcomes at all: events of a source that overrides neither
     * {@code ack} nor {@code fail} need no tracking.
     *
     * @param source the instance
     * @return true when it overrides either method
     */
    public static boolean wantsOutcomes(Source source) {
        try {
            Class<?> type = source.getClass();
            return type.getMethod("ack", long.class, long.class).getDeclaringClass() != Source.class
                    || type.getMethod("fail", long.class, long.class).getDeclaringClass() != Source.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
