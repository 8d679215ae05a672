package io.weir.pipeline.internal.operator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.DoubleHistogram;

/**
 * The statistics of one aggregated value within one group's window. Sums and extremes of whole
 * numbers stay whole; a single fractional value makes them fractional. Percentiles come from an
 * HdrHistogram with the configured number of significant digits.
 */
final class Aggregate {
    private final Statistics statistics;
    private final DoubleHistogram histogram;
    private long count;
    private boolean whole = true;
    private long wholeSum;
    private long wholeMin = Long.MAX_VALUE;
    private long wholeMax = Long.MIN_VALUE;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    /** Values too far from the others for the histogram's range; left out of the percentiles only. */
    private long outOfRange;

    /** @param histogram an empty histogram when percentiles are wanted, else null */
    Aggregate(Statistics statistics, DoubleHistogram histogram) {
        this.statistics = statistics;
        this.histogram = histogram;
    }

    DoubleHistogram histogram() {
        return histogram;
    }

    /** @param value a finite number, not negative when percentiles are wanted */
    void add(Number value) {
        count++;
        double d = value.doubleValue();
        sum += d;
        min = Math.min(min, d);
        max = Math.max(max, d);
        if (whole) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                long l = value.longValue();
                wholeMin = Math.min(wholeMin, l);
                wholeMax = Math.max(wholeMax, l);
                try {
                    wholeSum = Math.addExact(wholeSum, l);
                } catch (ArithmeticException overflow) {
                    whole = false;
                }
            } else {
                whole = false;
            }
        }
        if (histogram != null) {
            try {
                histogram.recordValue(d);
            } catch (ArrayIndexOutOfBoundsException e) {
                outOfRange++;
            }
        }
    }

    Map<String, Object> result() {
        Map<String, Object> result = new LinkedHashMap<>();
        if (statistics.count) {
            result.put("count", count);
        }
        if (count == 0) {
            return result;
        }
        if (statistics.sum) {
            result.put("sum", whole ? (Object) wholeSum : (Object) sum);
        }
        if (statistics.min) {
            result.put("min", whole ? (Object) wholeMin : (Object) min);
        }
        if (statistics.max) {
            result.put("max", whole ? (Object) wholeMax : (Object) max);
        }
        if (statistics.mean) {
            result.put("mean", sum / count);
        }
        if (histogram != null && histogram.getTotalCount() > 0) {
            for (int i = 0; i < statistics.percentiles.length; i++) {
                // The histogram answers with its bucket's upper edge; never report beyond what was seen.
                double value = Math.min(max, Math.max(min, histogram.getValueAtPercentile(statistics.percentiles[i])));
                result.put(statistics.percentileLabels[i], whole ? (Object) Math.round(value) : (Object) value);
            }
        }
        if (outOfRange > 0) {
            result.put("out_of_range", outOfRange);
        }
        return result;
    }
}
