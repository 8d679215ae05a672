package io.weir.pipeline.internal.operator;

import java.util.ArrayList;
import java.util.List;

/**
 * Which statistics a window reports for each aggregate: {@code count}, {@code sum}, {@code min},
 * {@code max}, {@code mean} and percentiles written {@code p50}, {@code p99}, {@code p99.9}.
 */
final class Statistics {
    static final List<String> DEFAULT = List.of("count", "sum", "min", "max", "mean");

    final boolean count;
    final boolean sum;
    final boolean min;
    final boolean max;
    final boolean mean;
    /** Percentile labels as written, such as {@code p99.9}. */
    final String[] percentileLabels;
    /** The percentiles, such as 99.9. */
    final double[] percentiles;

    private Statistics(List<String> names, String key) {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        boolean count = false;
        boolean sum = false;
        boolean min = false;
        boolean max = false;
        boolean mean = false;
        for (String name : names) {
            switch (name) {
                case "count":
                    count = true;
                    break;
                case "sum":
                    sum = true;
                    break;
                case "min":
                    min = true;
                    break;
                case "max":
                    max = true;
                    break;
                case "mean":
                    mean = true;
                    break;
                default:
                    values.add(percentile(name, key));
                    labels.add(name);
                    break;
            }
        }
        this.count = count;
        this.sum = sum;
        this.min = min;
        this.max = max;
        this.mean = mean;
        this.percentileLabels = labels.toArray(new String[0]);
        this.percentiles = values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Statistics parse(List<String> names, String key) {
        return new Statistics(names.isEmpty() ? DEFAULT : names, key);
    }

    boolean percentiles() {
        return percentiles.length > 0;
    }

    private static double percentile(String name, String key) {
        if (name.startsWith("p") && name.length() > 1) {
            try {
                double value = Double.parseDouble(name.substring(1));
                if (value > 0 && value <= 100 && !name.contains("e") && !name.contains("E")) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(key + ": unknown statistic '" + name
                + "'; use count, sum, min, max, mean or a percentile such as p50, p99, p99.9");
    }
}
