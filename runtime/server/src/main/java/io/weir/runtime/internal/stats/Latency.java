package io.weir.runtime.internal.stats;

import org.HdrHistogram.Histogram;

/**
 * End-to-end latency of one sink: from the moment an event's data entered the server to the moment
 * the sink acknowledged it. The sink's manager records what one delivery completed at once, under one
 * lock, where a wait-free {@code Recorder} took four atomic operations an event; deferred deliveries
 * complete one at a time on the sink's own threads. A snapshot takes the same lock for the tens of
 * microseconds its percentiles take.
 */
public final class Latency {
    /** Longest latency tracked: one hour in nanoseconds; longer values are clamped. */
    static final long HIGHEST = 3_600_000_000_000L;
    /**
     * Two significant digits: percentiles within 1%, in about 36 KB per histogram. Three digits took 270 KB, and 100
     * flows keep 100 sinks' histograms.
     */
    static final int DIGITS = 2;
    /** How many histograms a sink keeps. */
    static final int HISTOGRAMS = 1;

    private final Histogram histogram = new Histogram(HIGHEST, DIGITS);

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds; negative values count as zero
     */
    public synchronized void record(long nanos) {
        histogram.recordValue(clamp(nanos));
    }

    /**
     * Records latencies together.
     *
     * @param nanos latencies in nanoseconds, as {@link #record} takes them
     * @param count how many of them, from the first
     */
    public synchronized void recordAll(long[] nanos, int count) {
        for (int i = 0; i < count; i++) {
            histogram.recordValue(clamp(nanos[i]));
        }
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(nanos, HIGHEST));
    }

    /** @return the percentiles of every latency recorded so far */
    public synchronized LatencySnapshot snapshot() {
        if (histogram.getTotalCount() == 0) {
            return LatencySnapshot.EMPTY;
        }
        return new LatencySnapshot(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }
}
