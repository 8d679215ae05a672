package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.api.connector.Delivery;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.Options;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

/**
 * What a manager hands to the next one on the same slot when it stops (a hot swap, new options): a sink's
 * un-acknowledged events go back to the head of its inbox in order, a source's outcomes wait for the next instance.
 */
public class HandOverTest {
    private final Rig rig = new Rig();
    private final ManagerOptions options = Options.with(Options.fast(), 16, 1024, 30_000, 10, 200);
    private final List<ManagerThread> extra = new ArrayList<>();

    @After
    public void stop() {
        for (ManagerThread manager : extra) {
            manager.stop(5_000);
        }
        rig.close();
    }

    private static FakeSource values(int from, int to) {
        FakeSource source = new FakeSource();
        for (int i = from; i < to; i++) {
            source.value(0, i, (long) i);
        }
        return source;
    }

    private static List<Object> longs(int from, int to) {
        List<Object> all = new ArrayList<>();
        for (long i = from; i < to; i++) {
            all.add(i);
        }
        return all;
    }

    private SinkManager sink(SinkSlot slot, FakeSink sink) {
        SinkManager manager = new SinkManager(slot, new SinkSetup(slot.name(), sink, options, null, List.of()),
                slot.lastState());
        extra.add(manager);
        Rig.start(manager);
        return manager;
    }

    @Test
    public void aSinkStoppedForASwapDeliversWhatItDidNotAcknowledgeAgainFirstAndInOrder() {
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink first = new FakeSink() {
            @Override
            public void close() {
                super.close();
                // As the SPI asks: a sink fails what it deferred and did not complete when it closes.
                for (Delivery d : deferred) {
                    d.fail("closing");
                }
            }
        };
        first.defer = true;
        SinkManager firstManager = sink(out, first);
        FakeSource source = values(0, 100);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, options, null, List.of());
        Wait.until("the first sink holds 100, " + first.deferred.size(), () -> first.deferred.size() == 100);
        for (int i = 0; i < 30; i++) {
            first.deferred.get(i).ack();
        }
        Wait.until("30 acks", () -> source.acked.size() == 30);

        assertTrue(firstManager.stop(5_000));
        assertEquals(70, firstManager.replayed());
        assertEquals(70, out.inbox().size());
        assertEquals(70, out.counters().replayed.sum());
        for (int i = 100; i < 150; i++) {
            source.value(0, i, (long) i);
        }
        first.deferred.get(40).ack();

        FakeSink second = new FakeSink();
        sink(out, second);
        Wait.until("the second sink took everything, " + second.values.size(), () -> second.values.size() == 120);
        assertEquals(longs(30, 150), second.values);
        Wait.until("every event acknowledged", () -> source.acked.size() == 150);
        assertEquals("each once", 150, new HashSet<>(source.acked).size());
        assertTrue("nothing failed: " + source.failed, source.failed.isEmpty());
        assertEquals("the late ack of the old instance changes nothing", 150, in.counters().acked.sum());
    }

    @Test
    public void aSinkThatStopsWithoutDeferringHandsNothingOver() {
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        SinkManager manager = sink(out, sink);
        FakeSource source = values(0, 40);
        rig.source(Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker())), source, options,
                null, List.of());
        Wait.until("all acknowledged", () -> source.acked.size() == 40);
        assertTrue(manager.stop(5_000));
        assertEquals(0, manager.replayed());
        assertEquals(0, out.inbox().size());
    }

    @Test
    public void outcomesOfAStoppedSourcesEventsReachTheInstanceThatReplacesIt() {
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        sink.defer = true;
        sink(out, sink);
        FakeSource first = values(0, 20);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager firstManager = new SourceManager(in, new SourceSetup("in", first, options, null, List.of()),
                Map.of());
        Rig.start(firstManager);
        Wait.until("the sink holds 20", () -> sink.deferred.size() == 20);
        assertTrue(firstManager.stop(5_000));
        assertEquals(Map.of("pulls", (long) first.pulls.get()), in.lastState());
        for (int i = 0; i < 10; i++) {
            sink.deferred.get(i).ack();
        }
        assertEquals("held for the next instance", 10, in.acks().heldCount());
        assertTrue("the stopped instance is not called", first.acked.isEmpty());

        FakeSource second = new FakeSource();
        AtomicLong handedOver = new AtomicLong(-1);
        SourceManager secondManager = new SourceManager(in, new SourceSetup("in", second, options, null, List.of()),
                in.lastState());
        secondManager.onStart(new StartListener() {
            @Override
            public void started(long nowNanos, long handed) {
                handedOver.set(handed);
            }

            @Override
            public void failed(long nowNanos, String failure) {
                throw new AssertionError(failure);
            }
        });
        extra.add(secondManager);
        Rig.start(secondManager);
        Wait.until("handed over", () -> handedOver.get() == 10);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), second.acked);
        for (int i = 10; i < 20; i++) {
            sink.deferred.get(i).fail("refused");
        }
        Wait.until("failures reach it directly", () -> second.failed.size() == 10);
        assertTrue(first.acked.isEmpty() && first.failed.isEmpty());
        assertEquals(0, in.acks().heldCount());
    }

    @Test
    public void aManagerStoppedBeforeItsInstanceOpenedPassesTheStateItWasGivenOn() {
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        sink.openFailures = Integer.MAX_VALUE;
        SinkManager manager = new SinkManager(out, new SinkSetup("out", sink, options, null, List.of()),
                Map.of("offset", 42L));
        Rig.start(manager);
        Wait.until("it tried to open", () -> sink.opens.get() >= 1);
        assertTrue(manager.stop(5_000));
        assertEquals(Map.of("offset", 42L), out.lastState());

        SourceSlot in = Rig.wire("in", Map.of(), List.of());
        FakeSource source = new FakeSource();
        source.openFailures = Integer.MAX_VALUE;
        SourceManager sourceManager = new SourceManager(in, new SourceSetup("in", source, options, null, List.of()),
                Map.of("offset", 7L));
        Rig.start(sourceManager);
        Wait.until("it tried to open", () -> source.opens.get() >= 1);
        assertTrue(sourceManager.stop(5_000));
        assertEquals(Map.of("offset", 7L), in.lastState());
    }

    @Test
    public void aSinkClosedAfterAFailureHandsOnWhatItReturnedBeforeThatClose() {
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink() {
            @Override
            public Map<String, Object> snapshot() {
                return Map.of("written", (long) values.size());
            }
        };
        sink.failWriteIf = v -> v.equals(3L);
        sink.openFailures = 0;
        SinkManager manager = sink(out, sink);
        FakeSource source = new FakeSource();
        source.perPull = 1;
        for (int i = 0; i < 4; i++) {
            source.value(0, i, (long) i);
        }
        rig.source(Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker())), source, options,
                null, List.of());
        Wait.until("the write of 3 failed", () -> source.failed.contains(3L));
        sink.openFailures = Integer.MAX_VALUE;
        Wait.until("it is closed", () -> sink.closes.get() >= 1);
        assertTrue(manager.stop(5_000));
        assertEquals(Map.of("written", 3L), out.lastState());
    }

    @Test
    public void droppedOutcomesAreCountedAndNotHeld() {
        SourceSlot in = new SourceSlot("in");
        in.acks().hold();
        in.acks().complete(new io.weir.api.event.EventId("in", 0, 0, 0), true);
        assertEquals(1, in.acks().heldCount());
        in.acks().drop();
        in.acks().complete(new io.weir.api.event.EventId("in", 0, 1, 1), false);
        assertEquals(0, in.acks().heldCount());
        assertEquals(1, in.counters().acked.sum());
        assertEquals(1, in.counters().failed.sum());
    }
}
