package io.weir.runtime.internal.stats;

import java.util.Map;

/**
 * The counters of one node at one moment.
 *
 * @param in      events received
 * @param out     events passed on (sinks: acknowledged)
 * @param err     events that failed
 * @param dropped events sent nowhere or given up
 * @param acked   acknowledgements delivered to a source
 * @param failed   failures delivered to a source
 * @param replayed events a sink delivered again to the instance that replaced the one that took them
 * @param ports    output port to number of events
 * @param errors   errors the connector reported itself, per kind (see {@link ErrorKinds}); empty when none
 */
public record CounterSnapshot(long in, long out, long err, long dropped, long acked, long failed, long replayed,
        Map<String, Long> ports, Map<String, Long> errors) {

    /** A snapshot with every counter at zero, for nodes that never ran. */
    public static final CounterSnapshot ZERO = new CounterSnapshot(0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    /** The counters without connector errors (pipelines, sinks). */
    public CounterSnapshot(long in, long out, long err, long dropped, long acked, long failed, long replayed,
            Map<String, Long> ports) {
        this(in, out, err, dropped, acked, failed, replayed, ports, Map.of());
    }

    /** The counters without a replay count (nodes other than sinks). */
    public CounterSnapshot(long in, long out, long err, long dropped, long acked, long failed,
            Map<String, Long> ports) {
        this(in, out, err, dropped, acked, failed, 0, ports, Map.of());
    }

    /** @return every error the connector reported itself, all kinds together */
    public long connectorErrors() {
        long total = 0;
        for (long n : errors.values()) {
            total += n;
        }
        return total;
    }
}
