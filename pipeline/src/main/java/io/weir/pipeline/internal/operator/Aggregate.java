package io.weir.pipeline.internal.operator;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.DoubleHistogram;

/**
 * The statistics of one aggregated value within one group's window. Sums and extremes of whole
 * numbers stay whole; a single fractional value makes them fractional. Percentiles come from an
 * HdrHistogram with the configured number of significant digits.
 */
final class Aggregate {
    /**
     * The histogram's current range, {@code [lowest, highest)}: a value inside it is recorded without
     * moving the counts. HdrHistogram (2.1.12, embedded in this bundle) keeps these two getters
     * package-private, so they are read through method handles; a version without them fails here, when the
     * class loads, and so every window test.
     */
    private static final MethodHandle LOWEST = rangeGetter("getCurrentLowestTrackableNonZeroValue");
    private static final MethodHandle HIGHEST = rangeGetter("getCurrentHighestTrackableValue");

    private final Statistics statistics;
    private DoubleHistogram histogram;
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

    /** @return the histogram now holding the percentiles' values (not always the one given) */
    DoubleHistogram histogram() {
        return histogram;
    }

    private static MethodHandle rangeGetter(String name) {
        try {
            Method getter = DoubleHistogram.class.getDeclaredMethod(name);
            getter.setAccessible(true);
            return MethodHandles.lookup().unreflect(getter).asType(MethodType.methodType(double.class,
                    DoubleHistogram.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("HdrHistogram has no DoubleHistogram." + name + "() returning a double", e);
        }
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
            record(d);
        }
    }

    /**
     * Records a value, or counts it as out of range and leaves the histogram as it was. A value outside
     * the histogram's current range makes HdrHistogram shift its counts, possibly several times, and it
     * throws only when a later shift fails: the counts are then already moved. So such a value goes into
     * a copy, which replaces the histogram only if it took the value. An empty histogram has no counts
     * to spoil, and a value inside the range (the common case) needs no shift.
     */
    private void record(double d) {
        DoubleHistogram target = histogram;
        if (d != 0 && histogram.getTotalCount() > 0 && !inRange(d)) {
            target = histogram.copy();
            // copy() does not carry auto-resize over; without it the copy could not grow as the original would.
            target.setAutoResize(histogram.isAutoResize());
        }
        try {
            target.recordValue(d);
        } catch (ArrayIndexOutOfBoundsException e) {
            outOfRange++;
            return;
        }
        histogram = target;
    }

    private boolean inRange(double d) {
        try {
            return d >= (double) LOWEST.invokeExact(histogram) && d < (double) HIGHEST.invokeExact(histogram);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
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
