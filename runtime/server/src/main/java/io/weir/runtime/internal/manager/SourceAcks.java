package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
 *
 * <p>Between two instances (a hot swap, a restart with new options, an instance abandoned in a stuck
 * call) outcomes are held, in the order they come, and handed to the next instance when it opens, as
 * the SPI promises: its events are still on their way through the flow when the old instance stops.
 * Their number is bounded by what was in flight. When the node goes, or the next instance has another
 * configuration, the held outcomes are dropped (they are counted all the same).
 */
public final class SourceAcks {
    private static final Logger LOG = LoggerFactory.getLogger(SourceAcks.class);

    private final String name;
    private final Counters counters;
    private final AtomicLong errors = new AtomicLong();
    /** Deliveries running now; {@link #hold} waits for them so that no outcome reaches the old instance after it. */
    private final AtomicInteger delivering = new AtomicInteger();
    private final Object lock = new Object();
    private volatile Source target;
    private boolean holding;
    private List<Held> held = new ArrayList<>();

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
        synchronized (lock) {
            holding = false;
            held = new ArrayList<>();
            target = source;
        }
    }

    /**
     * The instance stops: outcomes that arrive from now on are held for the next one. Returns once no
     * outcome is being delivered to the old instance any more, so its snapshot sees all it will get.
     */
    public void hold() {
        synchronized (lock) {
            holding = true;
            target = null;
        }
        while (delivering.get() > 0) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(20));
        }
    }

    /**
     * The next instance opened: hands it the outcomes held since its predecessor stopped, in order,
     * then sends it every outcome directly.
     *
     * @param source the instance, or {@code null} when it does not want outcomes (they are dropped)
     * @return the number of held outcomes handed over
     */
    public long resume(Source source) {
        long handed = 0;
        while (true) {
            List<Held> batch;
            synchronized (lock) {
                if (held.isEmpty()) {
                    holding = false;
                    target = source;
                    return handed;
                }
                batch = held;
                held = new ArrayList<>();
            }
            if (source != null) {
                for (Held outcome : batch) {
                    deliver(source, outcome.stream, outcome.position, outcome.success);
                }
                handed += batch.size();
            }
        }
    }

    /** The node goes, or the next instance is configured differently: held outcomes are dropped and none are held. */
    public void drop() {
        synchronized (lock) {
            holding = false;
            held = new ArrayList<>();
            target = null;
        }
    }

    /** @return outcomes held for the next instance now */
    public int heldCount() {
        synchronized (lock) {
            return held.size();
        }
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
        while (true) {
            delivering.incrementAndGet();
            try {
                Source source = target;
                if (source != null) {
                    deliver(source, id.stream(), id.position(), success);
                    return;
                }
            } finally {
                delivering.decrementAndGet();
            }
            synchronized (lock) {
                if (target == null) {
                    if (holding) {
                        held.add(new Held(id.stream(), id.position(), success));
                    }
                    return;
                }
            }
            // The next instance took over between the two reads: try it directly.
        }
    }

    private void deliver(Source source, long stream, long position, boolean success) {
        try {
            if (success) {
                source.ack(stream, position);
            } else {
                source.fail(stream, position);
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

    private record Held(long stream, long position, boolean success) {
    }
}
