package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.weir.api.connector.SinkEvent;
import io.weir.api.connector.SourceOutput;
import io.weir.api.event.Event;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.Options;
import io.weir.runtime.internal.testing.ScriptedPipeline;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

/** Plugin calls that do not return in time: the watchdog abandons the thread, and nothing it held is lost. */
public class WatchdogTest {
    private final List<ManagerThread> abandoned = new CopyOnWriteArrayList<>();
    private final Watchdog watchdog = new Watchdog(abandoned::add, () -> { });
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<ManagerThread> managers = new ArrayList<>();
    private final ManagerOptions options = Options.fast().withFaultLimits(new FaultLimits(200, 3, 60_000));

    @After
    public void stop() {
        release.countDown();
        for (ManagerThread manager : managers) {
            manager.stop(5_000);
        }
        watchdog.close();
    }

    private <T extends ManagerThread> T start(T manager) {
        managers.add(manager);
        Rig.start(manager, watchdog);
        return manager;
    }

    /** Blocks, deaf to interrupts as code stuck in a native call would be, until the test ends. */
    private void hang() {
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException e) {
                // keep waiting
            }
        }
    }

    private static FakeSource values(int n) {
        FakeSource source = new FakeSource();
        for (int i = 0; i < n; i++) {
            source.value(0, i, (long) i);
        }
        return source;
    }

    @Test
    public void aSinkStuckInAWriteIsAbandonedAndItsEventsGoToTheNextInstanceInOrder() {
        SinkSlot out = new SinkSlot("out", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        List<Object> firstTook = new CopyOnWriteArrayList<>();
        FakeSink stuck = new FakeSink() {
            @Override
            public void write(SinkEvent event) throws Exception {
                if (event.event().value().equals(50L)) {
                    hang();
                }
                firstTook.add(event.event().value());
                super.write(event);
            }
        };
        SinkManager first = start(new SinkManager(out, new SinkSetup("out", stuck, options, null, List.of()),
                Map.of()));
        FakeSource source = values(200);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        start(new SourceManager(in, new SourceSetup("in", source, options, null, List.of()), Map.of()));

        Wait.until("the watchdog abandons the sink", () -> abandoned.contains(first));
        assertEquals(NodeState.QUARANTINED, first.state());
        assertTrue(first.reason(), first.reason().matches("stuck for \\d+ ms in write at .*WatchdogTest.*"
                + " on thread 'weir-sink-out'; abandoned, the instance is not called again"));
        assertTrue(first.awaitOutsideRuntime(1_000));
        first.recover();
        first.recover();
        long acknowledged = source.acked.size();
        assertTrue("what the first sink flushed is acknowledged: " + acknowledged, acknowledged < 50);

        FakeSink next = new FakeSink();
        start(new SinkManager(out, new SinkSetup("out", next, options, null, List.of()), Map.of()));
        Wait.until("every event is acknowledged, " + source.acked.size(), () -> source.acked.size() == 200);
        List<Object> expected = new ArrayList<>();
        for (long i = acknowledged; i < 200; i++) {
            expected.add(i);
        }
        assertEquals("the next instance gets what was not acknowledged, in order", expected, next.values);
        assertEquals(200, new HashSet<>(source.acked).size());
        assertTrue(source.failed.isEmpty());

        int took = firstTook.size();
        int flushes = stuck.flushes.get();
        release.countDown();
        Wait.until("the stuck thread ends once its call returns", first::isStopped);
        assertEquals("only the stuck write finished; nothing called the instance again", took + 1, firstTook.size());
        assertEquals(flushes, stuck.flushes.get());
        assertEquals(0, stuck.closes.get());
    }

    @Test
    public void aSourceStuckInAPullIsAbandonedAndItsOutcomesWaitForTheNextInstance() {
        SinkSlot out = new SinkSlot("out", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        FakeSink sink = new FakeSink();
        sink.defer = true;
        start(new SinkManager(out, new SinkSetup("out", sink, options, null, List.of()), Map.of()));
        FakeSource stuck = new FakeSource() {
            @Override
            public boolean pull(SourceOutput output, long timeoutMillis) throws Exception {
                if (pulls.get() >= 1 && sink.deferred.size() == 10) {
                    hang();
                    output.value(0, 99, 99L, Map.of());
                }
                return super.pull(output, timeoutMillis);
            }
        };
        for (int i = 0; i < 10; i++) {
            stuck.value(0, i, (long) i);
        }
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager manager = startUntilAbandoned(in, stuck);
        sink.deferred.forEach(d -> d.ack());
        assertEquals(10, in.acks().heldCount());
        release.countDown();
        Wait.until("the stuck thread ends", manager::isStopped);
        assertTrue("the abandoned instance hears nothing", stuck.acked.isEmpty());
        assertEquals("what it sent after it was abandoned went nowhere", 10, sink.values.size());
    }

    /** Starts a source that gets stuck in a pull, and returns once the watchdog abandoned it and it recovered. */
    private SourceManager startUntilAbandoned(SourceSlot in, FakeSource stuck) {
        SourceManager manager = start(new SourceManager(in, new SourceSetup("in", stuck, options, null, List.of()),
                Map.of()));
        Wait.until("the watchdog abandons the source", () -> abandoned.contains(manager));
        manager.awaitOutsideRuntime(1_000);
        manager.recover();
        return manager;
    }

    /**
     * 40 events from a source through a pipeline that gets stuck as {@code stuck} says, to {@code sink}; once the
     * watchdog abandoned that pipeline, a pass-through one takes its place.
     *
     * @return the source
     */
    private FakeSource abandonedPipelineThenAHealthyOne(FakeSink sink, PipelineSlot slot,
            ScriptedPipeline.Behaviour stuck) {
        SinkSlot out = new SinkSlot("out", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        start(new SinkManager(out, new SinkSetup("out", sink, options, null, List.of()), Map.of()));
        slot.routes(new Routes(Map.of("out", List.of(Rig.to(out)))));
        PipelineRunner runner = start(new PipelineRunner(slot, pipeline(stuck), Map.of()));
        FakeSource source = values(40);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(slot))), List.of(slot.breaker(), out.breaker()));
        start(new SourceManager(in, new SourceSetup("in", source, options, null, List.of()), Map.of()));

        Wait.until("the watchdog abandons the pipeline", () -> abandoned.contains(runner));
        runner.awaitOutsideRuntime(1_000);
        runner.recover();
        start(new PipelineRunner(slot, pipeline(ScriptedPipeline.passThrough()), Map.of()));
        return source;
    }

    private PipelineSetup pipeline(ScriptedPipeline.Behaviour behaviour) {
        return new PipelineSetup("p", (listener, state) -> new ScriptedPipeline("p", listener, behaviour), 16, 10, 10,
                200, 1_000, options.faultLimits());
    }

    @Test
    public void aPipelineStuckOnAnEventIsAbandonedTheEventFailedAndTheRestOfItsBatchKept() {
        FakeSink sink = new FakeSink();
        PipelineSlot slot = new PipelineSlot("p", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        FakeSource source = abandonedPipelineThenAHealthyOne(sink, slot, (port, event, emit) -> {
            if (event.value().equals(5L)) {
                hang();
            }
            emit.emit("out", event);
        });
        Wait.until("everything else is acknowledged, " + source.acked.size(), () -> source.acked.size() == 39);
        assertEquals(List.of(5L), source.failed);
        List<Object> expected = new ArrayList<>();
        for (long i = 0; i < 40; i++) {
            if (i != 5) {
                expected.add(i);
            }
        }
        assertEquals("in order, the one it was stuck on left out", expected, sink.values);
        assertEquals("the events it gave back were received once, by the next runner", 40,
                slot.counters().in.sum());
    }

    @Test
    public void thePipelinesBatchAfterAThrowGetsItsOutcomesWhenItsCloseHangs() {
        PipelineSlot slot = new PipelineSlot("p", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        FakeSource source = abandonedPipelineThenAHealthyOne(new FakeSink(), slot, new ScriptedPipeline.Behaviour() {
            @Override
            public void process(String port, Event event, PipelineListener emit) {
                if (event.value().equals(5L)) {
                    throw new IllegalStateException("boom");
                }
                emit.emit("out", event);
            }

            @Override
            public void close(PipelineListener emit) {
                hang();
            }
        });
        Wait.until("every event has an outcome: " + source.acked + " " + source.failed,
                () -> source.acked.size() + source.failed.size() == 40);
        assertEquals(List.of(5L), source.failed);
        assertEquals("each event received once", 40, slot.counters().in.sum());
    }

    @Test
    public void whatAnAbandonedPullEmittedIsCountedAsReceived() {
        SinkSlot out = new SinkSlot("out", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        start(new SinkManager(out, new SinkSetup("out", new FakeSink(), options, null, List.of()), Map.of()));
        FakeSource stuck = new FakeSource() {
            @Override
            public boolean pull(SourceOutput output, long timeoutMillis) throws Exception {
                for (int i = 0; i < 32; i++) {
                    output.value(0, i, (long) i, Map.of());
                }
                Wait.until("the sink took them", () -> acked.size() == 32);
                hang();
                return true;
            }
        };
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        startUntilAbandoned(in, stuck);
        assertEquals(32, in.counters().out.sum());
        assertEquals("what it emitted was received", 32, in.counters().in.sum());
    }

    @Test
    public void aSinkThatKeepsFailingIsQuarantinedAndRunsAgainWhenCleared() {
        SinkSlot out = new SinkSlot("out", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        FakeSink sink = new FakeSink();
        sink.failWriteIf = v -> true;
        SinkManager manager = start(new SinkManager(out, new SinkSetup("out", sink, options, null, List.of()),
                Map.of()));
        FakeSource source = values(100);
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        start(new SourceManager(in, new SourceSetup("in", source, options, null, List.of()), Map.of()));

        Wait.until("quarantined, " + manager.state(), () -> manager.state() == NodeState.QUARANTINED);
        assertTrue(manager.reason(), manager.reason().startsWith("quarantined: 3 failures within 60000 ms, the last:"
                + " write failed: java.io.IOException: cannot write"));
        assertTrue(out.breaker().reason(), out.breaker().reason().startsWith("is quarantined: 3 failures"));
        int opens = sink.opens.get();
        assertEquals(3, opens);
        Wait.until("the source pauses", () -> in.gate().blockedReason() != null);

        sink.failWriteIf = v -> false;
        out.faults().clear();
        manager.nudge();
        Wait.until("everything not failed arrives", () -> source.acked.size() + source.failed.size() == 100);
        assertEquals(opens + 1, sink.opens.get());
        assertEquals(NodeState.RUNNING, manager.state());
    }

    @Test
    public void aStackOverflowInAPluginIsAFailureLikeAnyOther() {
        SinkSlot out = new SinkSlot("out", 1024, ManagerOptions.DEFAULT_QUEUE_BYTES);
        FakeSink sink = new FakeSink() {
            @Override
            public void write(SinkEvent event) throws Exception {
                recurse(event.event());
            }

            private int recurse(Event event) {
                return recurse(event) + 1;
            }
        };
        SinkManager manager = start(new SinkManager(out, new SinkSetup("out", sink, options, null, List.of()),
                Map.of()));
        FakeSource source = values(100);
        start(new SourceManager(Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker())),
                new SourceSetup("in", source, options, null, List.of()), Map.of()));
        Wait.until("quarantined, " + manager.state(), () -> manager.state() == NodeState.QUARANTINED);
        assertTrue(manager.lastError(), manager.lastError().startsWith("write failed: java.lang.StackOverflowError"));
    }
}
