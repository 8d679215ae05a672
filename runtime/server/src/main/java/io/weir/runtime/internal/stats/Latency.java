package io.weir.runtime.internal.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * End-to-end latency of one sink: from the moment an event's data entered the server to the moment
 * the sink acknowledged it. Recording is wait-free and may happen on any thread (deferred
 * deliveries complete on the sink's own threads); reading accumulates into a total histogram.
 */
public final class Latency {
    /** Longest latency tracked: one hour in nanoseconds; longer values are clamped. */
    static final long HIGHEST = 3_600_000_000_000L;
    /**
     * Two significant digits: percentiles within 1%, in about 36 KB per histogram. Three digits took 270 KB, and a
     * sink keeps {@value #HISTOGRAMS}: 1 MB of heap per sink, 100 MB for 100 flows.
     */
    static final int DIGITS = 2;
    /** The recorder's two, the total and the interval. */
    static final int HISTOGRAMS = 4;

    private final Recorder recorder = new Recorder(HIGHEST, DIGITS);
    private final Histogram total = new Histogram(HIGHEST, DIGITS);
    private Histogram interval;

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds; negative values count as zero
     */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST)));
    }

    /** @return the percentiles of every latency recorded so far */
    public synchronized LatencySnapshot snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        if (total.getTotalCount() == 0) {
            return LatencySnapshot.EMPTY;
        }
        return new LatencySnapshot(total.getTotalCount(), total.getValueAtPercentile(50),
                total.getValueAtPercentile(90), total.getValueAtPercentile(99), total.getValueAtPercentile(99.9),
                total.getMaxValue());
    }
}
