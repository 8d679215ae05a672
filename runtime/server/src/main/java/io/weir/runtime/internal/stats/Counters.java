package io.weir.runtime.internal.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one node of a flow (a connector instance or a pipeline): events in, out, to
 * {@code err} and dropped, plus one counter per output port. Writers add per batch where they can;
 * {@link LongAdder} keeps concurrent writers (a sink's deferred acknowledgements) off a shared lock.
 */
public final class Counters {
    /** Events (or records) the node received. */
    public final LongAdder in = new LongAdder();
    /** Events the node passed on: emitted by a source or pipeline, acknowledged by a sink. */
    public final LongAdder out = new LongAdder();
    /** Events that failed: decode errors, encode errors, failed deliveries. */
    public final LongAdder err = new LongAdder();
    /** Events sent to a port nothing is connected to, or given up when a node was removed. */
    public final LongAdder dropped = new LongAdder();
    /** Acknowledgements delivered back to a source. */
    public final LongAdder acked = new LongAdder();
    /** Failures delivered back to a source. */
    public final LongAdder failed = new LongAdder();
    /** Events a sink was given and did not acknowledge, delivered again to the instance that replaced it. */
    public final LongAdder replayed = new LongAdder();

    private final Map<String, LongAdder> ports = new ConcurrentHashMap<>();
    private final ErrorKinds errorKinds = new ErrorKinds();

    /**
     * Returns the counter of one output port, created on first use. Callers on the hot path keep the
     * returned adder instead of looking it up per event.
     *
     * @param port the port name
     * @return its counter
     */
    public LongAdder port(String port) {
        return ports.computeIfAbsent(port, p -> new LongAdder());
    }

    /** @return port name to count, sorted by port name */
    public Map<String, Long> ports() {
        Map<String, Long> copy = new TreeMap<>();
        ports.forEach((port, adder) -> copy.put(port, adder.sum()));
        return copy;
    }

    /** @return the errors a connector reported itself (SourceContext.error), per kind */
    public ErrorKinds errorKinds() {
        return errorKinds;
    }

    /** @return an immutable copy of the totals */
    public CounterSnapshot snapshot() {
        return new CounterSnapshot(in.sum(), out.sum(), err.sum(), dropped.sum(), acked.sum(), failed.sum(),
                replayed.sum(), ports(), errorKinds.counts());
    }
}
