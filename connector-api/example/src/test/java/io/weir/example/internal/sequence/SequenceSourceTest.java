package io.weir.example.internal.sequence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.Test;

public class SequenceSourceTest {
    private static final long START_NANOS = 5_000_000_000L;
    private static final long START_MILLIS = 1_700_000_000_000L;
    private static final long MS = 1_000_000;

    private final ManualTicker ticker = new ManualTicker(START_NANOS, START_MILLIS);
    private final RecordingOutput output = new RecordingOutput();

    private SequenceSource open(double rate, long limit, Map<String, Object> restored) {
        SequenceSource source = new SequenceSource(SequenceSettings.of(rate, limit, "test.cfg"), ticker);
        source.open(new FakeSourceContext("ticks", restored));
        return source;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    public void firstValueIsDueAtOnce() throws Exception {
        SequenceSource source = open(10, 0, Map.of());

        assertTrue(source.pull(output, 100));

        assertEquals(1, output.values.size());
        RecordingOutput.Delivered first = output.values.get(0);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("n", 0L);
        expected.put("at", START_MILLIS);
        assertEquals(expected, first.value());
        assertEquals(List.of("n", "at"), new ArrayList<>(((Map<?, ?>) first.value()).keySet()));
        assertEquals(SequenceSource.STREAM, first.stream());
        assertEquals("the position is n, so an ack names the value", 0, first.position());
        assertEquals(List.of(), ticker.sleeps);
    }

    @Test
    public void emitsAtTheConfiguredRate() throws Exception {
        SequenceSource source = open(10, 0, Map.of());

        while (ticker.nanos() < START_NANOS + 1000 * MS) {
            assertTrue(source.pull(output, 1000));
        }

        assertEquals("one value every 100 ms, the first at once", range(0, 11), output.ns());
        assertTrue("waits the period, not the whole timeout: " + ticker.sleeps,
                ticker.sleeps.stream().allMatch(s -> s == 100 * MS));
        assertEquals(START_MILLIS + 1000, ((Map<?, ?>) output.values.get(10).value()).get("at"));
    }

    @Test
    public void waitsNoLongerThanTheTimeout() throws Exception {
        SequenceSource source = open(0.5, 0, Map.of());
        source.pull(output, 100);

        assertTrue(source.pull(output, 100));

        assertEquals("nothing due yet", 1, output.values.size());
        assertEquals(List.of(100 * MS), ticker.sleeps);
    }

    @Test
    public void catchesUpWhenPulledLate() throws Exception {
        SequenceSource source = open(100, 0, Map.of());
        source.pull(output, 100);
        ticker.advanceMillis(50);

        source.pull(output, 100);

        assertEquals(range(0, 6), output.ns());
    }

    @Test
    public void dropsTheBacklogAfterAStallInsteadOfBursting() throws Exception {
        SequenceSource source = open(10, 0, Map.of());
        source.pull(output, 100);
        ticker.advanceMillis(10 * 60 * 1000);

        source.pull(output, 100);
        source.pull(output, 1000);

        assertEquals("n stays contiguous; the schedule restarts", range(0, 3), output.ns());
    }

    @Test
    public void handsOutAtMostOneBatchPerPull() throws Exception {
        SequenceSource source = open(SequenceSettings.MAX_RATE, 0, Map.of());
        source.pull(output, 100);
        ticker.advanceMillis(100);

        source.pull(output, 100);

        assertEquals(1 + SequenceSource.MAX_BATCH, output.values.size());
    }

    @Test
    public void endsAfterTheLimit() throws Exception {
        SequenceSource source = open(1000, 3, Map.of());

        boolean more = true;
        while (more) {
            more = source.pull(output, 100);
        }

        assertEquals(range(0, 3), output.ns());
        assertFalse(source.pull(output, 100));
        assertEquals(3, output.values.size());
    }

    @Test
    public void goesOnFromTheSnapshotAfterAHotSwap() throws Exception {
        SequenceSource old = open(1000, 0, Map.of());
        while (output.values.size() < 5) {
            old.pull(output, 100);
        }
        Map<String, Object> state = old.snapshot();
        old.close();
        assertEquals(Map.of(SequenceSource.NEXT, 5L), state);

        SequenceSource replacement = open(1000, 0, state);
        replacement.pull(output, 100);

        assertEquals(range(0, 6), output.ns());
    }

    @Test
    public void restoredStateOfTheWrongTypeIsRejectedByName() {
        SequenceSource source = new SequenceSource(SequenceSettings.of(1, 0, "test.cfg"), ticker);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> source.open(new FakeSourceContext("ticks", Map.of(SequenceSource.NEXT, "five"))));

        assertTrue(e.getMessage(), e.getMessage().contains("'ticks'") && e.getMessage().contains("'next'")
                && e.getMessage().contains("five"));
    }

    @Test
    public void resumeStartsTheScheduleAfreshInsteadOfBursting() throws Exception {
        SequenceSource source = open(10, 0, Map.of());
        source.pull(output, 100);
        source.pause();
        ticker.advanceMillis(5000);

        source.resume();
        source.pull(output, 100);

        assertEquals(range(0, 2), output.ns());
    }

    @Test
    public void everyValueGetsItsOwnMutableMetadata() throws Exception {
        SequenceSource source = open(100, 0, Map.of());
        source.pull(output, 100);
        ticker.advanceMillis(10);
        source.pull(output, 100);

        Map<String, Object> first = output.values.get(0).meta();
        assertNotSame(first, output.values.get(1).meta());
        first.put("touched", true); // an operator downstream owns the event and may change it
        assertEquals(Map.of("touched", true), first);
        assertEquals(new HashMap<>(), output.values.get(1).meta());
    }

    @Test
    public void badConfigurationNamesTheFileAndTheKey() {
        Map<String, Object> properties = Map.of("felix.fileinstall.filename", "file:/srv/etc/weir.source.sequence-a.cfg");

        IllegalArgumentException tooSlow = assertThrows(IllegalArgumentException.class,
                () -> new SequenceSource(config(() -> 0.0, () -> 0L), properties));
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> new SequenceSource(config(() -> {
                    throw new NumberFormatException("For input string: \"fast\"");
                }, () -> 0L), properties));

        for (IllegalArgumentException e : List.of(tooSlow, notANumber)) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("file:/srv/etc/weir.source.sequence-a.cfg: rate "));
        }
        assertTrue(notANumber.getMessage(), notANumber.getMessage().contains("fast"));
    }

    @Test
    public void goodConfigurationActivates() throws Exception {
        SequenceSource source = new SequenceSource(config(() -> 1000.0, () -> 2L), Map.of("service.pid", "p"));
        source.open(new FakeSourceContext("ticks", Map.of()));
        // Real clock here: 1000 values per second, so the second value is due within a millisecond.
        for (int pulls = 0; pulls < 1000 && source.pull(output, 100); pulls++) {
            assertTrue(output.values.size() <= 2);
        }
        assertEquals(range(0, 2), output.ns());
    }

    /** What DS hands the constructor: the component property type backed by the configuration. */
    private static SequenceConfig config(Supplier<Double> rate, Supplier<Long> limit) {
        return new SequenceConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SequenceConfig.class;
            }

            @Override
            public double rate() {
                return rate.get();
            }

            @Override
            public long limit() {
                return limit.get();
            }
        };
    }
}
