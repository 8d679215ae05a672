package io.weir.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians, the figure the harness reports for several runs. */
final class Stats {
    private Stats() {
    }

    /**
     * @param values numbers; NaNs are left out
     * @return the median, NaN when there is no number
     */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>();
        for (Double value : values) {
            if (value != null && !value.isNaN()) {
                sorted.add(value);
            }
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
