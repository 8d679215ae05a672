package io.weir.runtime.internal.stats;

/**
 * Latency percentiles of one sink, in nanoseconds.
 *
 * @param count how many latencies were recorded
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param p999  99.9th percentile
 * @param max   the largest
 */
public record LatencySnapshot(long count, long p50, long p90, long p99, long p999, long max) {

    /** Nothing recorded yet. */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0, 0);
}
