package io.weir.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the medians of a scenario's runs, one row per build, with B/A ratios when comparing. */
final class ResultTable {
    private ResultTable() {
    }

    /** @return one run's figures on one line */
    static String oneLine(Scenario scenario, Measurement measurement) {
        List<String> parts = new ArrayList<>();
        for (Metric metric : scenario.metrics()) {
            Double value = measurement.values().get(metric);
            if (value != null) {
                parts.add(metric.label() + " " + metric.format(value));
            }
        }
        String figures = parts.isEmpty() ? "no figures" : String.join(", ", parts);
        return figures + (measurement.problems().isEmpty() ? "" : "  [NOT VERIFIED]");
    }

    /**
     * @param scenario the scenario
     * @param results  the runs per build label
     * @return the table
     */
    static String render(Scenario scenario, Map<String, List<Measurement>> results) {
        List<Metric> metrics = scenario.metrics();
        List<String> header = new ArrayList<>();
        header.add("build");
        metrics.forEach(m -> header.add(m.label()));
        header.add("verified");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        Map<Metric, Double> first = null;
        for (Map.Entry<String, List<Measurement>> build : results.entrySet()) {
            Map<Metric, Double> medians = medians(metrics, build.getValue());
            List<String> row = new ArrayList<>();
            row.add(build.getKey() + " median");
            metrics.forEach(m -> row.add(m.format(medians.get(m))));
            long ok = build.getValue().stream().filter(m -> m.problems().isEmpty()).count();
            row.add(ok + "/" + build.getValue().size());
            rows.add(row);
            if (first == null) {
                first = medians;
            } else {
                List<String> ratio = new ArrayList<>();
                ratio.add(build.getKey() + "/A");
                for (Metric m : metrics) {
                    double a = first.get(m);
                    double b = medians.get(m);
                    ratio.add(Double.isNaN(a) || Double.isNaN(b) || a == 0 ? "-" : String.format(Locale.ROOT, "%.3f", b / a));
                }
                ratio.add("");
                rows.add(ratio);
            }
        }
        StringBuilder text = new StringBuilder();
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            text.append("   ");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                text.append(i == 0 ? String.format("%-" + widths[i] + "s", cell) : String.format("  %" + widths[i] + "s", cell));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static Map<Metric, Double> medians(List<Metric> metrics, List<Measurement> runs) {
        Map<Metric, Double> medians = new java.util.EnumMap<>(Metric.class);
        for (Metric metric : metrics) {
            List<Double> values = new ArrayList<>();
            for (Measurement run : runs) {
                // Runs that failed a check do not count.
                if (run.problems().isEmpty()) {
                    values.add(run.values().getOrDefault(metric, Double.NaN));
                }
            }
            medians.put(metric, Stats.median(values));
        }
        return medians;
    }
}
