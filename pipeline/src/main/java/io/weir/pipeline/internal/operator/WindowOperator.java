package io.weir.pipeline.internal.operator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.LongSupplier;

import org.HdrHistogram.DoubleHistogram;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.expr.EventScope;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.expr.ExpressionException;
import io.weir.pipeline.internal.expr.PlainData;
import io.weir.pipeline.internal.graph.PortAware;

/**
 * Groups events by a key and aggregates them in tumbling windows. A group's window opens with its
 * first event and closes after {@code count} events or {@code interval} after it opened, whichever
 * comes first; then one event with the group's statistics leaves. Groups live in opening order, so
 * the time check only looks at the oldest ones.
 */
final class WindowOperator implements Operator, PortAware {
    private final Expression groupBy;
    private final long count;
    private final long intervalNanos;
    private final String[] names;
    private final Expression[] values;
    private final Statistics statistics;
    private final int precision;
    private final int maxGroups;
    private final LongSupplier clock;
    private final LinkedHashMap<Object, WindowGroup> groups = new LinkedHashMap<>();
    /** Histograms of closed windows, reset, for the next windows: they are the costly part. */
    private final ArrayDeque<DoubleHistogram> spare = new ArrayDeque<>();
    private final EventScope scope = new EventScope();
    private final Number[] sample;

    /**
     * @param groupBy       the key expression, or null for one group
     * @param count         events per window, 0 for no limit
     * @param intervalNanos window length, 0 for no limit
     */
    WindowOperator(Expression groupBy, long count, long intervalNanos, String[] names, Expression[] values,
            Statistics statistics, int precision, int maxGroups, LongSupplier clock) {
        this.groupBy = groupBy;
        this.count = count;
        this.intervalNanos = intervalNanos;
        this.names = names;
        this.values = values;
        this.statistics = statistics;
        this.precision = precision;
        this.maxGroups = maxGroups;
        this.clock = clock;
        this.sample = new Number[values.length];
    }

    @Override
    public void process(Event event, Emitter out) {
        scope.bind(event);
        Object key = groupBy == null ? null : groupKey(groupBy.value(scope));
        for (int i = 0; i < values.length; i++) {
            sample[i] = checked(values[i], values[i].number(scope));
        }
        long now = clock.getAsLong();
        WindowGroup group = groups.get(key);
        if (group != null && intervalNanos > 0 && now - group.openedNanos >= intervalNanos) {
            close(group, out);
            group = null;
        }
        if (group == null) {
            if (groups.size() >= maxGroups) {
                close(groups.values().iterator().next(), out);
            }
            group = new WindowGroup(key, now, newAggregates());
            groups.put(key, group);
        }
        group.add(event, sample);
        if (count > 0 && group.events >= count) {
            close(group, out);
        }
    }

    /**
     * JEXL finds {@code 200 == 200.0}, and a producer may write either: a whole Double within the range of
     * long is keyed (and reported) as that Long, -0.0 as 0. Other keys, nested ones too, stay as they are.
     */
    static Object groupKey(Object key) {
        if (key instanceof Double) {
            double d = (Double) key;
            // -2^63 <= d < 2^63: (long) d is then exact for a whole d; 2^63 itself would saturate.
            if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
                return (long) d;
            }
        }
        return key;
    }

    private Number checked(Expression value, Number number) {
        if (number == null) {
            return null;
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ExpressionException(value.key() + ": " + number + " is not a finite number");
        }
        if (d < 0 && statistics.percentiles()) {
            throw new ExpressionException(value.key() + ": " + number
                    + " is negative; percentiles take values of 0 and above");
        }
        // JEXL computes with big numbers past the range of long: report those as Long or Double.
        return number instanceof BigInteger || number instanceof BigDecimal ? (Number) PlainData.of(number) : number;
    }

    @Override
    public void tick(long nowNanos, Emitter out) {
        if (intervalNanos <= 0) {
            return;
        }
        Iterator<WindowGroup> oldestFirst = groups.values().iterator();
        while (oldestFirst.hasNext()) {
            WindowGroup group = oldestFirst.next();
            if (nowNanos - group.openedNanos < intervalNanos) {
                return;
            }
            oldestFirst.remove();
            emit(group, out);
        }
    }

    @Override
    public void close(Emitter out) {
        Iterator<WindowGroup> all = groups.values().iterator();
        while (all.hasNext()) {
            WindowGroup group = all.next();
            all.remove();
            emit(group, out);
        }
    }

    private void close(WindowGroup group, Emitter out) {
        groups.remove(group.key);
        emit(group, out);
    }

    private void emit(WindowGroup group, Emitter out) {
        Event result = group.result(names, groupBy != null);
        for (Aggregate aggregate : group.aggregates) {
            if (aggregate.histogram() != null) {
                aggregate.histogram().reset();
                spare.push(aggregate.histogram());
            }
        }
        out.emit(Emitter.OUT, result);
    }

    private Aggregate[] newAggregates() {
        Aggregate[] aggregates = new Aggregate[values.length];
        for (int i = 0; i < aggregates.length; i++) {
            DoubleHistogram histogram = null;
            if (statistics.percentiles()) {
                histogram = spare.isEmpty() ? new DoubleHistogram(precision) : spare.pop();
            }
            aggregates[i] = new Aggregate(statistics, histogram);
        }
        return aggregates;
    }

    @Override
    public Set<String> outputPorts() {
        return Set.of(Emitter.OUT);
    }
}
