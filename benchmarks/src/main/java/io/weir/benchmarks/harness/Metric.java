package io.weir.benchmarks.harness;

import java.util.Locale;

/** The figures a scenario run can yield, with how they are printed. */
enum Metric {
    EVENTS_PER_S("events/s", "%,.0f"),
    MB_PER_S("MB/s", "%,.1f"),
    /** Scenario 1 with {@code --rounds}: the median events/s of the rounds after the first, the server warm. */
    WARM_EVENTS_PER_S("warm events/s", "%,.0f"),
    CORES("CPU cores", "%.2f"),
    /** The part of {@link #CORES} the JVM's JIT compiler threads used. */
    JIT_CORES("JIT cores", "%.2f"),
    /**
     * The part of {@link #CORES} the JVM's garbage collector threads used: G1's and the parallel collector's
     * workers, so a lower bound of the collector's work (parts of a pause run in the {@code VM Thread}).
     */
    GC_CORES("GC cores", "%.2f"),
    PEAK_RSS_MB("peak RSS MB", "%,.0f"),
    /** Events/s of the scenario's one-flow reference, measured right before or after the run (see {@link Scenario#reference}). */
    REFERENCE_EVENTS_PER_S("1-flow events/s", "%,.0f"),
    /** {@link #EVENTS_PER_S} divided by {@link #REFERENCE_EVENTS_PER_S}. */
    OF_REFERENCE("of 1 flow", "%.2f"),
    P50_MS("p50 ms", "%.3f"),
    P99_MS("p99 ms", "%.3f"),
    P999_MS("p99.9 ms", "%.3f"),
    MAX_MS("max ms", "%.3f"),
    STARTUP_MS("start-up ms", "%,.0f"),
    IDLE_RSS_MB("idle RSS MB", "%,.0f"),
    SWAP_PAUSE_P50_MS("pause p50 ms", "%.1f"),
    SWAP_PAUSE_MAX_MS("pause max ms", "%.1f"),
    MOVE_TO_SERVING_P50_MS("move-to-serving p50 ms", "%,.0f"),
    MOVE_TO_SERVING_MAX_MS("move-to-serving max ms", "%,.0f");

    private final String label;
    private final String format;

    Metric(String label, String format) {
        this.label = label;
        this.format = format;
    }

    /** @return the column heading */
    String label() {
        return label;
    }

    /**
     * @param value a value of this metric
     * @return it formatted, {@code -} for NaN
     */
    String format(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
