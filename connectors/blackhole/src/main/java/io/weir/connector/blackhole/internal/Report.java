package io.weir.connector.blackhole.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * A blackhole's result as text: HdrHistogram's percentile distribution of the latencies (the
 * format Tremor's blackhole prints, here in microseconds), then throughput and a one-line
 * percentile summary that scripts can pick out.
 */
final class Report {
    /** Percentile distribution: five reporting ticks per half distance, as Tremor's blackhole. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double[] SUMMARY = {50, 90, 99, 99.9, 99.99};

    private final Histogram latencies;
    private final long events;
    private final long bytes;
    private final long nanos;
    private final long ignoredWarmup;
    private final long ignoredAfterStop;

    Report(Histogram latencies, long events, long bytes, long nanos, long ignoredWarmup, long ignoredAfterStop) {
        this.latencies = latencies;
        this.events = events;
        this.bytes = bytes;
        this.nanos = nanos;
        this.ignoredWarmup = ignoredWarmup;
        this.ignoredAfterStop = ignoredAfterStop;
    }

    long events() {
        return events;
    }

    /** @return events per second, or NaN when the window is empty */
    double eventsPerSecond() {
        return nanos > 0 ? events * 1e9 / nanos : Double.NaN;
    }

    /** @return megabytes (10^6 bytes) of frames per second, or NaN when the window is empty */
    double megabytesPerSecond() {
        return nanos > 0 ? bytes * 1e3 / nanos : Double.NaN;
    }

    /** @return the latency at {@code percentile} in microseconds */
    double latencyMicros(double percentile) {
        return latencies.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }

    double maxLatencyMicros() {
        return latencies.getMaxValue() / NANOS_PER_MICRO;
    }

    /** @param name the sink's instance name, for the title */
    String text(String name) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, false, StandardCharsets.UTF_8);
        if (events == 0) {
            out.printf(Locale.ROOT, "Blackhole %s: no events measured (ignored: %d in warm-up, %d after stop)%n",
                    name, ignoredWarmup, ignoredAfterStop);
            out.flush();
            return buffer.toString(StandardCharsets.UTF_8);
        }
        latencies.outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, NANOS_PER_MICRO);
        out.printf(Locale.ROOT, "%n%nThroughput   (data): %s MB/s%n", format(megabytesPerSecond(), 1));
        out.printf(Locale.ROOT, "Throughput (events): %s events/s%n", format(eventsPerSecond(), 1));
        out.print("Latency (us):");
        for (double percentile : SUMMARY) {
            out.printf(Locale.ROOT, " p%s=%.3f", trim(percentile), latencyMicros(percentile));
        }
        out.printf(Locale.ROOT, " max=%.3f%n", maxLatencyMicros());
        out.printf(Locale.ROOT, "Blackhole %s: %d events, %d bytes of frames in %.3f s (ignored: %d in warm-up, "
                + "%d after stop)%n", name, events, bytes, nanos / 1e9, ignoredWarmup, ignoredAfterStop);
        out.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String format(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
