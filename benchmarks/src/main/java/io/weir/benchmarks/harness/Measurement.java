package io.weir.benchmarks.harness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The figures of one run of one scenario, and what its checks found wrong. */
final class Measurement {
    private final Map<Metric, Double> values = new EnumMap<>(Metric.class);
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param metric the figure
     * @param value  its value; NaN when it could not be measured
     * @return this
     */
    Measurement put(Metric metric, double value) {
        values.put(metric, value);
        return this;
    }

    /** @return the figures, in {@link Metric} order */
    Map<Metric, Double> values() {
        return values;
    }

    /** @param problem a check that failed: the run does not count as a valid result */
    void problem(String problem) {
        problems.add(problem);
    }

    /** @return what failed; empty when every check passed */
    List<String> problems() {
        return problems;
    }

    /** @param note something worth printing under the table (how a figure was taken) */
    void note(String note) {
        notes.add(note);
    }

    /** @return the notes */
    List<String> notes() {
        return notes;
    }
}
