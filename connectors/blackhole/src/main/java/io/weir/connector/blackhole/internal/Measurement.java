package io.weir.connector.blackhole.internal;

import org.HdrHistogram.Histogram;

/**
 * What a blackhole measured: events, frame bytes and latencies inside the measurement window.
 * The window opens {@code warmup} after the first event and, with a stop time, closes
 * {@code stopAfter} later; events outside it are only counted as ignored. All times are on the
 * {@link System#nanoTime()} scale and passed in, so the logic can be tested with any clock.
 * Not thread-safe.
 */
final class Measurement {
    /** Latencies above this (one hour) are recorded as this value. */
    static final long HIGHEST_NANOS = 3_600_000_000_000L;
    private static final long NOT_YET = Long.MIN_VALUE;

    private final long warmupNanos;
    private final long stopAfterNanos;
    private final Histogram latencies;
    private long windowStart = NOT_YET;
    private long lastMeasured = NOT_YET;
    private long events;
    private long bytes;
    private long ignoredWarmup;
    private long ignoredAfterStop;

    /**
     * @param warmupNanos    how long after the first event measuring starts; 0 or more
     * @param stopAfterNanos how long measuring lasts; 0 for until the report
     * @param digits         significant decimal digits of the latency histogram, 1 to 5
     */
    Measurement(long warmupNanos, long stopAfterNanos, int digits) {
        this.warmupNanos = warmupNanos;
        this.stopAfterNanos = stopAfterNanos;
        this.latencies = new Histogram(1, HIGHEST_NANOS, digits);
    }

    /**
     * Takes one event.
     *
     * @param now          when the event arrived
     * @param latencyNanos how long after it entered the server
     * @param inputs       how many input events it stands for (a batch stands for several)
     * @param frameBytes   bytes of its encoded frames
     */
    void record(long now, long latencyNanos, int inputs, long frameBytes) {
        if (windowStart == NOT_YET) {
            windowStart = now + warmupNanos;
        }
        if (now - windowStart < 0) {
            ignoredWarmup += inputs;
            return;
        }
        if (stopAfterNanos > 0 && now - windowStart >= stopAfterNanos) {
            ignoredAfterStop += inputs;
            return;
        }
        events += inputs;
        bytes += frameBytes;
        lastMeasured = now;
        latencies.recordValueWithCount(Math.max(1, Math.min(HIGHEST_NANOS, latencyNanos)), inputs);
    }

    /** @return whether any event arrived yet */
    boolean started() {
        return windowStart != NOT_YET;
    }

    /** @return when the window closes, or {@link Long#MAX_VALUE} without a stop time or before the first event */
    long stopAt() {
        return windowStart == NOT_YET || stopAfterNanos == 0 ? Long.MAX_VALUE : windowStart + stopAfterNanos;
    }

    /**
     * @param now the current time
     * @return the report of what was measured until {@code now}
     */
    Report report(long now) {
        long seconds;
        if (stopAfterNanos > 0 && windowStart != NOT_YET && now - windowStart >= stopAfterNanos) {
            seconds = stopAfterNanos;
        } else if (lastMeasured != NOT_YET) {
            seconds = lastMeasured - windowStart;
        } else {
            seconds = 0;
        }
        return new Report(latencies.copy(), events, bytes, seconds, ignoredWarmup, ignoredAfterStop);
    }
}
