package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.Options;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

public class FaultsAndBackpressureTest {
    private final Rig rig = new Rig();

    @After
    public void stop() {
        rig.close();
    }

    private static FakeSource values(int n) {
        FakeSource source = new FakeSource();
        for (int i = 0; i < n; i++) {
            source.value(0, i, (long) i);
        }
        return source;
    }

    private static List<Object> longs(int n) {
        List<Object> all = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    @Test
    public void theSourceOpensOnlyOnceEverySinkDownstreamIsOpen() {
        ManagerOptions options = Options.fast();
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        sink.openFailures = 3;
        FakeSource source = values(5);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager manager = rig.source(in, source, options, null, List.of());
        Wait.until("the source waits for the sink, state " + manager.state(),
                () -> manager.state() == NodeState.WAITING);
        assertTrue(manager.reason(), manager.reason().startsWith("sink/out is not open yet"));
        assertEquals(0, source.opens.get());

        rig.sink(out, sink, options, null, List.of());
        Wait.until("5 acks, got " + source.acked, () -> source.acked.size() == 5);
        assertEquals(4, sink.opens.get());
        assertEquals(1, source.opens.get());
        assertTrue("the source opened after the sink did",
                source.openTimes.get(0) > sink.openTimes.get(sink.openTimes.size() - 1));
    }

    @Test
    public void anUnavailableSinkPausesTheSourceAndNothingIsLost() {
        // Room for everything: the source is never held back by a full inbox, only by the breaker.
        ManagerOptions options = Options.with(Options.fast(), 16, 1024, 2_000, 10, 200);
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, options, null, List.of());
        Wait.until("the sink is open", () -> sink.context != null && out.breaker().isClosed());
        sink.context.unavailable("too many requests in flight");
        FakeSource source = values(500);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager manager = rig.source(in, source, options, null, List.of());

        Wait.until("the source waits, state " + manager.state(), () -> manager.state() == NodeState.WAITING);
        assertTrue(manager.reason(), manager.reason().contains("too many requests in flight"));
        assertEquals(0, source.pulls.get());

        sink.context.available();
        Wait.until("some events arrive", () -> sink.values.size() > 0);
        sink.context.unavailable("slow down");
        Wait.until("the source pauses, state " + manager.state(), () -> source.pauses.get() == 1
                && manager.state() == NodeState.PAUSED);
        assertTrue(manager.reason(), manager.reason().equals("sink/out is unavailable: slow down"));
        int pulls = source.pulls.get();
        sink.context.available();
        Wait.until("everything arrives, got " + sink.values.size(), () -> sink.values.size() == 500);
        assertEquals(longs(500), sink.values);
        Wait.until("the source resumes", () -> source.resumes.get() == 1);
        assertEquals("never pulled while paused", 0, source.pullsWhilePaused.get());
        assertTrue(source.pulls.get() >= pulls);
        Wait.until("every ack", () -> source.acked.size() == 500);
        assertTrue(source.failed.isEmpty());
    }

    @Test
    public void aFailedWriteFailsWhatWasNotAcknowledgedAndTheSinkIsReopened() {
        ManagerOptions options = Options.fast();
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        AtomicBoolean failedOnce = new AtomicBoolean();
        sink.failWriteIf = v -> v.equals(50L) && failedOnce.compareAndSet(false, true);
        rig.sink(out, sink, options, null, List.of());
        FakeSource source = values(200);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, options, null, List.of());

        Wait.until("every event completed, acked " + source.acked.size() + " failed " + source.failed.size(),
                () -> source.acked.size() + source.failed.size() == 200);
        assertTrue(source.failed.contains(50L));
        Set<Long> acked = new HashSet<>(source.acked);
        for (Long failed : source.failed) {
            assertTrue("completed once: " + failed, !acked.contains(failed));
        }
        assertEquals(2, sink.opens.get());
        assertEquals(1, sink.closes.get());
        assertEquals(source.failed.size(), out.counters().err.sum());
        assertEquals(200, out.counters().in.sum());
    }

    @Test
    public void aFailedFlushFailsTheBatch() {
        ManagerOptions options = Options.fast();
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        sink.flushFailures = 1;
        rig.sink(out, sink, options, null, List.of());
        FakeSource source = values(40);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, options, null, List.of());

        Wait.until("every event completed", () -> source.acked.size() + source.failed.size() == 40);
        assertTrue(source.failed.contains(0L));
        assertEquals(2, sink.opens.get());
    }

    @Test
    public void aThrowingSourceIsReopenedWithBackoffWhileAnotherKeepsGoing() {
        ManagerOptions options = Options.fast();
        SinkSlot quiet = rig.sinkSlot("quiet", options);
        SinkSlot busy = rig.sinkSlot("busy", options);
        rig.sink(quiet, new FakeSink(), options, null, List.of());
        FakeSink busySink = new FakeSink();
        rig.sink(busy, busySink, options, null, List.of());

        FakeSource broken = new FakeSource();
        broken.pullFailure = n -> n % 2 == 0 ? new IllegalStateException("boom " + n) : new StackOverflowError();
        SourceManager brokenManager = rig.source(
                Rig.wire("broken", Map.of("out", List.of(Rig.to(quiet))), List.of(quiet.breaker())), broken,
                options, null, List.of());
        FakeSource healthy = values(3000);
        rig.source(Rig.wire("healthy", Map.of("out", List.of(Rig.to(busy))), List.of(busy.breaker())), healthy,
                options, null, List.of());

        Wait.until("5 reopens, got " + broken.opens.get(), () -> broken.opens.get() >= 5);
        Wait.until("the healthy flow delivered everything", () -> busySink.values.size() == 3000);
        assertEquals(longs(3000), busySink.values);
        assertEquals(1, healthy.opens.get());
        assertTrue("each failure closed the instance", broken.closes.get() >= 4);
        List<Long> opened = new ArrayList<>(broken.openTimes);
        for (int i = 0; i + 1 < 5; i++) {
            long gapMs = (opened.get(i + 1) - opened.get(i)) / 1_000_000L;
            long backoffMs = Math.min(200, 10L << i);
            assertTrue("gap " + i + " was " + gapMs + " ms, backoff " + backoffMs, gapMs >= backoffMs - 1);
        }
        assertTrue(brokenManager.failures() >= 4);
        assertTrue(brokenManager.lastError(), brokenManager.lastError().startsWith("pull failed: "));
    }

    @Test
    public void queuesAreBoundedAndASlowSinkHoldsTheSourceBack() {
        ManagerOptions options = Options.with(Options.fast(), 16, 64, 2_000, 10, 200);
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        sink.gate = new CountDownLatch(1);
        rig.sink(out, sink, options, null, List.of());
        FakeSource source = values(10_000);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager manager = rig.source(in, source, options, null, List.of());

        Wait.until("the inbox fills, " + out.inbox().size(), () -> out.inbox().size() >= 64 - 16);
        Wait.until("the source waits for room in the inbox", () -> waitsForRoom(manager));
        assertEquals("held back, not paused", NodeState.RUNNING, manager.state());
        assertEquals("sink/out is full (backpressure)", manager.reason());
        long emitted = in.counters().out.sum();
        // one batch in the sink's hands, the inbox, one batch waiting to be queued
        assertTrue("emitted " + emitted, emitted <= 16 + 64 + 16);
        assertTrue(out.inbox().size() <= 64);

        sink.gate.countDown();
        Wait.until("everything arrives", () -> sink.values.size() == 10_000);
        assertEquals(longs(10_000), sink.values);
    }

    /**
     * On a thread of its own the source waits inside the inbox's put; as a task on the workers it holds what
     * did not fit and is not running until there is room.
     */
    private static boolean waitsForRoom(SourceManager manager) {
        Thread thread = manager.thread();
        if (thread == null) {
            return "sink/out is full (backpressure)".equals(manager.reason());
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(Inbox.class.getName()) && frame.getMethodName().equals("put")) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void anEventSentToTwoSinksIsAcknowledgedOnlyWhenBothAcknowledged() {
        ManagerOptions options = Options.fast();
        SinkSlot a = rig.sinkSlot("a", options);
        SinkSlot b = rig.sinkSlot("b", options);
        FakeSink fast = new FakeSink();
        FakeSink deferring = new FakeSink();
        deferring.defer = true;
        rig.sink(a, fast, options, null, List.of());
        rig.sink(b, deferring, options, null, List.of());
        FakeSource source = values(3);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(a), Rig.to(b))), List.of(a.breaker(),
                b.breaker()));
        rig.source(in, source, options, null, List.of());

        Wait.until("both sinks have the events", () -> fast.values.size() == 3 && deferring.deferred.size() == 3);
        Wait.until("the first sink acknowledged", () -> a.counters().out.sum() == 3);
        assertTrue("nothing acknowledged while b holds the events", source.acked.isEmpty());
        deferring.deferred.get(0).ack();
        deferring.deferred.get(1).fail("remote said no");
        deferring.deferred.get(2).ack();
        deferring.deferred.get(2).fail("too late, ignored");
        Wait.until("outcomes", () -> source.acked.size() + source.failed.size() == 3);
        assertEquals(List.of(1L), source.failed);
        assertEquals(Set.of(0L, 2L), new HashSet<>(source.acked));
        assertEquals(2, b.counters().out.sum());
        assertEquals(1, b.counters().err.sum());
        assertEquals("the copies are independent", fast.events.get(0).value(), deferring.events.get(0).value());
        assertTrue(fast.events.get(0) != deferring.events.get(0));
    }

    @Test
    public void aDeferredEventNotCompletedInTimeIsFailed() {
        ManagerOptions options = Options.with(Options.fast(), 16, 64, 50, 10, 200);
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        sink.defer = true;
        SinkManager manager = rig.sink(out, sink, options, null, List.of());
        FakeSource source = values(4);
        rig.source(Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker())), source, options,
                null, List.of());

        Wait.until("all failed after the delivery timeout", () -> source.failed.size() == 4);
        assertTrue(source.acked.isEmpty());
        assertEquals(0, manager.deferredCount());
        assertTrue(manager.lastError(), manager.lastError().contains("delivery.timeout_ms (50 ms)"));
        sink.deferred.get(0).ack();
        assertTrue("a late ack changes nothing", source.acked.isEmpty());
    }

    @Test
    public void aSinkThatLostItsConnectionIsReopenedAndTheSourceWaitsMeanwhile() {
        ManagerOptions options = Options.with(Options.fast(), 16, 64, 2_000, 100, 200);
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        SinkManager sinkManager = rig.sink(out, sink, options, null, List.of());
        FakeSource source = values(1);
        SourceManager sourceManager = rig.source(
                Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker())), source, options, null,
                List.of());
        Wait.until("first event", () -> source.acked.size() == 1);

        sink.context.connectionLost("peer reset");
        Wait.until("the sink failed, " + sinkManager.state(), () -> sinkManager.state() == NodeState.FAILED);
        // The breaker says "lost its connection: ..." at once, then "failed: connection lost: ..." once the
        // manager closed the sink; the paused source shows whichever it saw last.
        Wait.until("the source paused, saying why: " + sourceManager.reason(), () -> sourceManager.state()
                == NodeState.PAUSED && String.valueOf(sourceManager.reason()).contains("peer reset"));
        source.value(0, 1, 1L);
        Wait.until("the sink reopened and took the next event", () -> source.acked.size() == 2);
        assertEquals(2, sink.opens.get());
        assertEquals(List.of(0L, 1L), sink.values);
    }

    @Test
    public void aSourceThatLostItsConnectionIsReopened() {
        ManagerOptions options = Options.fast();
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, options, null, List.of());
        FakeSource source = values(1);
        rig.source(Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker())), source, options,
                null, List.of());
        Wait.until("first event", () -> sink.values.size() == 1);
        source.context.connectionLost("server went away");
        Wait.until("reopened", () -> source.opens.get() == 2);
        assertEquals(1, source.closes.get());
        source.value(0, 1, 1L);
        Wait.until("second event", () -> sink.values.size() == 2);
    }

    @Test
    public void stoppingClosesTheInstancesAndKeepsTheirState() {
        ManagerOptions options = Options.fast();
        SinkSlot out = rig.sinkSlot("out", options);
        FakeSink sink = new FakeSink();
        SinkManager sinkManager = rig.sink(out, sink, options, null, List.of());
        FakeSource source = values(10);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager sourceManager = rig.source(in, source, options, null, List.of());
        Wait.until("all events", () -> source.acked.size() == 10);

        assertTrue(sourceManager.stop(5_000));
        assertTrue(sinkManager.stop(5_000));
        assertEquals(1, source.closes.get());
        assertEquals(1, sink.closes.get());
        assertTrue(in.lastState().containsKey("pulls"));
        assertEquals(NodeState.STOPPED, sourceManager.state());
        assertTrue(!out.breaker().isClosed());
    }
}
