package io.weir.pipeline.internal.operator;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.id;
import static io.weir.pipeline.testing.Events.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.expr.ExpressionException;
import io.weir.pipeline.internal.expr.Expressions;
import io.weir.pipeline.testing.FakeClock;
import io.weir.pipeline.testing.RecordingEmitter;
import io.weir.pipeline.testing.TestContext;

public class WindowOperatorTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingEmitter out = new RecordingEmitter();

    private WindowOperator window(String groupBy, long count, long intervalMillis, String functions, int maxGroups) {
        Expression key = groupBy == null ? null : Expressions.compile("node.w.group_by", groupBy);
        return new WindowOperator(key, count, TimeUnit.MILLISECONDS.toNanos(intervalMillis), new String[] {"ms"},
                new Expression[] {Expressions.compile("node.w.aggregate.ms", "event.ms")},
                Statistics.parse(List.of(functions.split(",\\s*")), "node.w.functions"), 3, maxGroups, clock);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result(int index) {
        return (Map<String, Object>) out.emitted.get(index).value();
    }

    @Test
    public void countWindowsCloseEachGroupOnItsOwn() throws Exception {
        WindowOperator window = window("event.host", 2, 0, "count, sum, min, max, mean", 100);
        window.process(event(1, map("host", "a", "ms", 10L)), out);
        window.process(event(2, map("host", "b", "ms", 1L)), out);
        window.process(event(3, map("host", "a", "ms", 30L)), out);
        assertEquals(1, out.emitted.size());
        assertEquals(map("group", "a", "count", 2L, "ms", map("count", 2L, "sum", 40L, "min", 10L, "max", 30L,
                "mean", 20.0)), result(0));
        assertEquals(List.of(id(1), id(3)), out.emitted.get(0).ids());
        window.process(event(4, map("host", "b", "ms", 2.5)), out);
        assertEquals(map("group", "b", "count", 2L, "ms", map("count", 2L, "sum", 3.5, "min", 1.0, "max", 2.5,
                "mean", 1.75)), result(1));
    }

    @Test
    public void timeWindowsCloseOnTickOldestFirst() throws Exception {
        WindowOperator window = window("event.host", 0, 1000, "count, sum", 100);
        window.process(event(1, map("host", "a", "ms", 1L)), out);
        clock.advanceMillis(400);
        window.process(event(2, map("host", "b", "ms", 2L)), out);
        window.process(event(3, map("host", "a", "ms", 3L)), out);
        window.tick(clock.advanceMillis(599), out);
        assertTrue(out.emitted.isEmpty());
        window.tick(clock.advanceMillis(1), out);
        assertEquals(List.of(map("group", "a", "count", 2L, "ms", map("count", 2L, "sum", 4L))), out.values());
        window.tick(clock.advanceMillis(399), out);
        assertEquals(1, out.emitted.size());
        window.tick(clock.advanceMillis(1), out);
        assertEquals(map("group", "b", "count", 1L, "ms", map("count", 1L, "sum", 2L)), result(1));
    }

    @Test
    public void anEventAfterItsGroupsWindowEndedOpensTheNextWindow() throws Exception {
        WindowOperator window = window(null, 0, 1000, "count", 100);
        window.process(event(1, map("ms", 1L)), out);
        clock.advanceMillis(1000);
        window.process(event(2, map("ms", 1L)), out);
        assertEquals(List.of(map("count", 1L, "ms", map("count", 1L))), out.values());
        assertEquals(List.of(id(1)), out.emitted.get(0).ids());
        window.close(out);
        assertEquals(List.of(id(2)), out.emitted.get(1).ids());
    }

    @Test
    public void countAndTimeTogetherCloseOnWhicheverComesFirst() throws Exception {
        WindowOperator window = window(null, 3, 1000, "count", 100);
        for (int i = 0; i < 4; i++) {
            window.process(event(i, map("ms", 1L)), out);
        }
        assertEquals(1, out.emitted.size());
        window.tick(clock.advanceMillis(1000), out);
        assertEquals(map("count", 1L, "ms", map("count", 1L)), result(1));
    }

    @Test
    public void percentilesOfKnownWholeNumbersAreExact() throws Exception {
        WindowOperator window = window(null, 100, 0, "p50, p90, p99, p99.9, p100, min, max", 100);
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 100; v++) {
            values.add(v);
        }
        Collections.shuffle(values, new Random(7));
        for (long v : values) {
            window.process(event(v, map("ms", v)), out);
        }
        assertEquals(map("count", 100L, "ms", map("min", 1L, "max", 100L, "p50", 50L, "p90", 90L, "p99", 99L,
                "p99.9", 100L, "p100", 100L)), result(0));
    }

    @Test
    public void percentilesOfFractionsStayWithinThePrecision() throws Exception {
        WindowOperator window = window(null, 0, 1000, "p50, p99, mean", 100);
        for (int i = 1; i <= 10_000; i++) {
            window.process(event(i, map("ms", i * 0.25)), out);
        }
        window.close(out);
        @SuppressWarnings("unchecked")
        Map<String, Object> ms = (Map<String, Object>) result(0).get("ms");
        assertEquals(1250.0, (Double) ms.get("p50"), 1250.0 * 1e-3);
        assertEquals(2475.0, (Double) ms.get("p99"), 2475.0 * 1e-3);
        assertEquals(1250.125, (Double) ms.get("mean"), 1e-9);
    }

    @Test
    public void missingValuesAreSkippedButTheEventsCount() throws Exception {
        WindowOperator window = window(null, 3, 0, "count, sum, mean, p50", 100);
        window.process(event(1, map("ms", 4L)), out);
        window.process(event(2, map()), out);
        window.process(event(3, map("ms", 6L)), out);
        assertEquals(map("count", 3L, "ms", map("count", 2L, "sum", 10L, "mean", 5.0, "p50", 4L)), result(0));
        assertEquals(3, out.emitted.get(0).ids().size());
    }

    @Test
    public void aWindowWithoutValuesReportsOnlyItsCount() throws Exception {
        WindowOperator window = window(null, 1, 0, "count, sum, min", 100);
        window.process(event(1, map()), out);
        assertEquals(map("count", 1L, "ms", map("count", 0L)), result(0));
    }

    @Test
    public void badValuesFailTheEventWithoutTouchingTheWindow() throws Exception {
        WindowOperator window = window(null, 2, 0, "count, p50", 100);
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> window.process(event(1, map("ms", "slow")), out));
        assertEquals("node.w.aggregate.ms: expected a number from 'event.ms', got 'slow' (String)", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> window.process(event(2, map("ms", -1L)), out));
        assertEquals("node.w.aggregate.ms: -1 is negative; percentiles take values of 0 and above", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> window.process(event(3, map("ms", Double.NaN)), out));
        assertEquals("node.w.aggregate.ms: NaN is not a finite number", e.getMessage());
        window.process(event(4, map("ms", 1L)), out);
        window.process(event(5, map("ms", 3L)), out);
        assertEquals(List.of(id(4), id(5)), out.emitted.get(0).ids());
        assertEquals(map("count", 2L, "ms", map("count", 2L, "p50", 1L)), result(0));
    }

    @Test
    public void valuesBeyondTheHistogramsRangeAreLeftOutOfThePercentilesOnly() throws Exception {
        WindowOperator window = window(null, 3, 0, "count, max, p50", 100);
        window.process(event(1, map("ms", 1e-9)), out);
        window.process(event(2, map("ms", 2e-9)), out);
        window.process(event(3, map("ms", 1e12)), out);
        assertEquals(map("count", 3L, "ms", map("count", 3L, "max", 1e12, "p50", 1e-9, "out_of_range", 1L)),
                result(0));
    }

    /**
     * A value far below the others is left out of the percentiles (docs: "counted as out_of_range"); the
     * percentiles of the rest must be what they are without it. HdrHistogram throws for such a value only
     * after it has shifted its counts, so catching the exception does not leave it out: p50 of 1..100 with
     * 5.55e-17 (what 0.1 + 0.2 - 0.3 gives) comes out about 76 instead of 50.
     */
    @Test
    public void aValueTooSmallForTheHistogramDoesNotSkewThePercentilesOfTheRest() throws Exception {
        WindowOperator clean = window(null, 0, 1000, "count, p10, p50, p90", 100);
        WindowOperator tainted = window(null, 0, 1000, "count, p10, p50, p90", 100);
        RecordingEmitter cleanOut = new RecordingEmitter();
        clean.process(event(0, map("ms", 50.0)), cleanOut);
        tainted.process(event(0, map("ms", 50.0)), out);
        tainted.process(event(1, map("ms", 0.1 + 0.2 - 0.3)), out);
        for (long v = 1; v <= 100; v++) {
            clean.process(event(10 + v, map("ms", (double) v)), cleanOut);
            tainted.process(event(10 + v, map("ms", (double) v)), out);
        }
        clean.close(cleanOut);
        tainted.close(out);
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = new HashMap<>((Map<String, Object>) ((Map<String, Object>) cleanOut.emitted
                .get(0).value()).get("ms"));
        expected.put("count", 102L);
        expected.put("out_of_range", 1L);
        @SuppressWarnings("unchecked")
        Map<String, Object> actual = (Map<String, Object>) result(0).get("ms");
        assertEquals(expected, new HashMap<>(actual));
    }

    @Test
    public void negativeValuesAreFineWithoutPercentiles() throws Exception {
        WindowOperator window = window(null, 2, 0, "min, sum", 100);
        window.process(event(1, map("ms", -5L)), out);
        window.process(event(2, map("ms", 2L)), out);
        assertEquals(map("count", 2L, "ms", map("sum", -3L, "min", -5L)), result(0));
    }

    @Test
    public void groupKeysOfEqualNumbersMatchWhateverTheirJavaType() throws Exception {
        WindowOperator window = window("event.k", 2, 0, "count", 100);
        window.process(event(1, map("k", 1L, "ms", 1L)), out);
        window.process(event(2, map("k", 1, "ms", 1L)), out);
        assertEquals(map("group", 1L, "count", 2L, "ms", map("count", 2L)), result(0));
    }

    /** JEXL says 200 == 200.0, and a JSON producer may write either: they are one group, as 1 and 1L are. */
    @Test
    public void groupKeysOfEqualWholeAndFractionalNumbersMatch() throws Exception {
        WindowOperator window = window("event.k", 2, 0, "count", 100);
        window.process(event(1, map("k", 200L, "ms", 1L)), out);
        window.process(event(2, map("k", 200.0, "ms", 1L)), out);
        assertEquals(1, out.emitted.size());
        assertEquals(2L, result(0).get("count"));
    }

    @Test
    public void wholeDoubleKeysBecomeLongsWithinTheRangeOfLong() {
        assertEquals(0L, WindowOperator.groupKey(-0.0));
        assertEquals(-200L, WindowOperator.groupKey(-200.0));
        assertEquals(Long.MIN_VALUE, WindowOperator.groupKey(-0x1p63));
        assertEquals(0x1p63, WindowOperator.groupKey(0x1p63));
        assertEquals(1e300, WindowOperator.groupKey(1e300));
        assertEquals(200.5, WindowOperator.groupKey(200.5));
        assertTrue(Double.isNaN((Double) WindowOperator.groupKey(Double.NaN)));
        assertEquals("200", WindowOperator.groupKey("200"));
    }

    @Test
    public void tooManyGroupsCloseTheOldestEarly() throws Exception {
        WindowOperator window = window("event.k", 10, 0, "count", 2);
        window.process(event(1, map("k", "a", "ms", 1L)), out);
        window.process(event(2, map("k", "b", "ms", 1L)), out);
        window.process(event(3, map("k", "a", "ms", 1L)), out);
        assertTrue(out.emitted.isEmpty());
        window.process(event(4, map("k", "c", "ms", 1L)), out);
        assertEquals(List.of(map("group", "a", "count", 2L, "ms", map("count", 2L))), out.values());
    }

    @Test
    public void mergedBatchesKeepAllTheirIds() throws Exception {
        WindowOperator window = window(null, 2, 0, "count", 100);
        List<EventId> ids = List.of(id(1), id(2));
        window.process(new Event(ids, 5L, map("ms", 1L), new HashMap<>()), out);
        window.process(event(3, 9L, map("ms", 1L)), out);
        assertEquals(List.of(id(1), id(2), id(3)), out.emitted.get(0).ids());
        assertEquals(5L, out.emitted.get(0).ingestNanos());
    }

    @Test
    public void closeEmitsEveryOpenWindow() throws Exception {
        WindowOperator window = window("event.k", 10, 0, "count", 100);
        window.process(event(1, map("k", "a", "ms", 1L)), out);
        window.process(event(2, map("k", "b", "ms", 1L)), out);
        window.close(out);
        assertEquals(2, out.emitted.size());
        window.close(out);
        assertEquals(2, out.emitted.size());
    }

    @Test
    public void histogramsAreReusedAcrossWindowsWithoutLeakingValues() throws Exception {
        WindowOperator window = window(null, 3, 0, "p50", 100);
        for (int i = 0; i < 3; i++) {
            window.process(event(i, map("ms", 1000L)), out);
        }
        for (long v = 1; v <= 3; v++) {
            window.process(event(10 + v, map("ms", v)), out);
        }
        assertEquals(map("count", 3L, "ms", map("p50", 2L)), result(1));
    }

    @Test
    public void optionsAreChecked() {
        WindowOperatorFactory factory = new WindowOperatorFactory();
        TestContext context = new TestContext("w");
        factory.create(context, Map.of("interval", "10s", "aggregate.ms", "event.ms", "functions", "p50, p99.9"));
        assertEquals("node.w: give count, interval or both, for example node.w.interval = 10s",
                assertThrows(IllegalArgumentException.class, () -> factory.create(context, Map.of())).getMessage());
        assertEquals("node.w.functions: unknown statistic 'median'; use count, sum, min, max, mean or a percentile "
                + "such as p50, p99, p99.9", assertThrows(IllegalArgumentException.class,
                        () -> factory.create(context, Map.of("count", "5", "functions", "median"))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> factory.create(context, Map.of("count", "5", "functions", "p101")));
        assertThrows(IllegalArgumentException.class,
                () -> factory.create(context, Map.of("count", "5", "functions", "p0")));
        assertEquals("node.w.aggregate.count: 'count' is taken by the window's own result; choose another name",
                assertThrows(IllegalArgumentException.class,
                        () -> factory.create(context, Map.of("count", "5", "aggregate.count", "1"))).getMessage());
        assertEquals("node.w.precision: 6 is too large; give 1 to 5 significant digits",
                assertThrows(IllegalArgumentException.class,
                        () -> factory.create(context, Map.of("count", "5", "precision", "6"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> factory.create(context, Map.of("count", "5", "group_by", "host"))).getMessage()
                        .startsWith("node.w.group_by: unknown name 'host'"));
    }
}
