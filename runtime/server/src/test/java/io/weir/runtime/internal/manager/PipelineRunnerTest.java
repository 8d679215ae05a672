package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.weir.api.event.Event;
import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.LineCodec;
import io.weir.runtime.internal.testing.Options;
import io.weir.runtime.internal.testing.ScriptedPipeline;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

public class PipelineRunnerTest {
    private final Rig rig = new Rig();
    private final ManagerOptions options = Options.fast();
    private final List<ScriptedPipeline> built = new CopyOnWriteArrayList<>();

    @After
    public void stop() {
        rig.close();
    }

    private PipelineBuilder builder(ScriptedPipeline.Behaviour behaviour) {
        return (listener, restored) -> {
            ScriptedPipeline pipeline = new ScriptedPipeline("p", listener, behaviour);
            built.add(pipeline);
            return pipeline;
        };
    }

    /** source -> pipeline p -> sink out (and p.err -> sink errors when given). */
    private final class Line {
        final FakeSource source = new FakeSource();
        final FakeSink sink = new FakeSink();
        final FakeSink errSink = new FakeSink();
        final SinkSlot out = rig.sinkSlot("out", options);
        final SinkSlot errors = rig.sinkSlot("errors", options);
        final PipelineSlot slot = new PipelineSlot("p", 64, ManagerOptions.DEFAULT_QUEUE_BYTES);
        SourceSlot in;
        SourceManager sourceManager;
        PipelineRunner runner;

        Line(ScriptedPipeline.Behaviour behaviour) {
            rig.sink(out, sink, options, null, List.of());
            rig.sink(errors, errSink, options, null, List.of());
            slot.routes(new Routes(Map.of("out", List.of(Rig.to(out)), "err", List.of(Rig.to(errors)))));
            runner = rig.pipeline(slot, builder(behaviour));
            in = Rig.wire("in", Map.of("out", List.of(Rig.to(slot))),
                    List.of(slot.breaker(), out.breaker(), errors.breaker()));
        }

        Line values(int n) {
            for (int i = 0; i < n; i++) {
                source.value(0, i, (long) i);
            }
            return this;
        }

        Line start() {
            sourceManager = rig.source(in, source, options, null, List.of());
            return this;
        }
    }

    @Test
    public void eventsPassThroughAndAcksReachTheSource() {
        Line line = new Line(ScriptedPipeline.passThrough()).values(200).start();
        Wait.until("200 acks", () -> line.source.acked.size() == 200);
        assertEquals(200, line.sink.values.size());
        assertEquals(200, line.slot.counters().in.sum());
        assertEquals(200, line.slot.counters().out.sum());
        Wait.until("the pipeline's node counters are published",
                () -> line.slot.nodeCounters().getOrDefault("node", Map.of()).getOrDefault("in", 0L) == 200L);
    }

    @Test
    public void aDroppedEventIsAcknowledgedAndAFailedOneFailed() {
        Line line = new Line((port, event, out) -> {
            long v = (Long) event.value();
            if (v % 3 == 0) {
                out.emit("out", event);
            } else if (v % 3 == 1) {
                out.complete(event, true);
            } else {
                out.complete(event, false);
            }
        }).values(30).start();
        Wait.until("30 outcomes", () -> line.source.acked.size() + line.source.failed.size() == 30);
        assertEquals(10, line.sink.values.size());
        assertEquals(20, line.source.acked.size());
        for (long failed : line.source.failed) {
            assertEquals(2, failed % 3);
        }
    }

    @Test
    public void aMergedEventAcknowledgesEachOfItsInputsOnceDelivered() {
        List<Event> held = new ArrayList<>();
        Line line = new Line((port, event, out) -> {
            held.add(event);
            if (held.size() == 3) {
                List<Object> values = new ArrayList<>();
                held.forEach(e -> values.add(e.value()));
                out.emit("out", Event.merge(held, values));
                held.clear();
            }
        });
        line.sink.defer = true;
        line.values(7).start();
        Wait.until("two batches at the sink", () -> line.sink.deferred.size() == 2);
        assertEquals(List.of(0L, 1L, 2L), line.sink.values.get(0));
        assertTrue("nothing acknowledged before delivery", line.source.acked.isEmpty());
        line.sink.deferred.get(0).ack();
        Wait.until("three acks", () -> line.source.acked.size() == 3);
        assertEquals(Set.of(0L, 1L, 2L), new HashSet<>(line.source.acked));
        line.sink.deferred.get(1).fail("nope");
        Wait.until("three failures", () -> line.source.failed.size() == 3);
        assertEquals(Set.of(3L, 4L, 5L), new HashSet<>(line.source.failed));

        assertTrue(line.runner.stop(5_000));
        assertEquals("the event still held is failed when the pipeline stops", 4, line.source.failed.size());
        assertTrue(line.source.failed.contains(6L));
        assertEquals(Map.of("node", Map.of("processed", 7L)), line.slot.lastState());
    }

    @Test
    public void severalEventsEmittedForOneInputAreAllAwaited() {
        Line line = new Line((port, event, out) -> {
            out.emit("out", event);
            out.emit("out", io.weir.runtime.internal.manager.Events.copy(event));
        });
        line.sink.defer = true;
        line.values(1).start();
        Wait.until("two copies at the sink", () -> line.sink.deferred.size() == 2);
        line.sink.deferred.get(0).ack();
        Wait.until("the first copy is counted", () -> line.out.counters().out.sum() == 1);
        assertTrue("not acknowledged while a copy is out", line.source.acked.isEmpty());
        line.sink.deferred.get(1).ack();
        Wait.until("acknowledged once", () -> line.source.acked.size() == 1);
        assertEquals(List.of(0L), line.source.acked);
    }

    @Test
    public void portsRouteAndAnEventOnAnUnlinkedOutputIsFailed() {
        Line line = new Line((port, event, out) -> {
            long v = (Long) event.value();
            out.emit(v == 0 ? "out" : v == 1 ? "err" : "nowhere", event);
        }).values(3).start();
        Wait.until("2 acks", () -> line.source.acked.size() == 2);
        Wait.until("1 failure", () -> line.source.failed.size() == 1);
        assertEquals(List.of(2L), line.source.failed);
        assertEquals(List.of(0L), line.sink.values);
        assertEquals(List.of(1L), line.errSink.values);
        assertEquals(Map.of("out", 1L, "err", 1L, "nowhere", 1L), line.slot.counters().ports());
        assertEquals(1, line.slot.counters().dropped.sum());
        assertEquals(1, line.slot.counters().err.sum());
    }

    @Test
    public void aPipelineThatThrowsFailsTheEventAndIsRebuiltWithBackoff() {
        AtomicBoolean thrown = new AtomicBoolean();
        Line line = new Line((port, event, out) -> {
            if (event.value().equals(5L) && thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("engine bug");
            }
            out.emit("out", event);
        }).values(20).start();
        Wait.until("20 outcomes", () -> line.source.acked.size() + line.source.failed.size() == 20);
        assertTrue(line.source.failed.contains(5L));
        assertEquals(2, built.size());
        assertTrue(built.get(0).closed);
        assertEquals(1, line.runner.failures());
        assertTrue(line.runner.lastError(), line.runner.lastError().startsWith("process failed: "));
        Set<Long> acked = new HashSet<>(line.source.acked);
        for (long f : line.source.failed) {
            assertTrue(!acked.contains(f));
        }
        line.source.value(0, 99, 99L);
        Wait.until("the rebuilt pipeline works", () -> line.source.acked.contains(99L));
    }

    @Test
    public void anOperatorCanPauseTheSourcesUpstream() {
        AtomicBoolean release = new AtomicBoolean();
        Line line = new Line(new ScriptedPipeline.Behaviour() {
            @Override
            public void process(String port, Event event, io.weir.pipeline.graph.PipelineListener out) {
                out.emit("out", event);
                if (event.value().equals(2L)) {
                    out.pauseUpstream("backpressure", "window full");
                }
            }

            @Override
            public void tick(long nowNanos, io.weir.pipeline.graph.PipelineListener out) {
                if (release.get()) {
                    out.resumeUpstream("backpressure");
                }
            }
        }).values(3).start();
        Wait.until("the source pauses", () -> line.sourceManager.state() == NodeState.PAUSED);
        assertEquals("pipeline/p is paused: node 'backpressure' asked to pause: window full",
                line.sourceManager.reason());
        assertEquals(NodeState.PAUSED, line.runner.state());
        line.source.value(0, 3, 3L);
        release.set(true);
        Wait.until("the source resumes and the event flows", () -> line.source.acked.contains(3L));
        assertEquals(1, line.source.resumes.get());
        assertEquals(0, line.source.pullsWhilePaused.get());
    }

    @Test
    public void theRunnerTicksWithoutInput() {
        Line line = new Line(ScriptedPipeline.passThrough()).start();
        Wait.until("ticks", () -> !built.isEmpty() && built.get(0).ticks.get() >= 5);
        assertEquals(0, line.slot.counters().in.sum());
    }

    @Test
    public void aStreamEndCrossesThePipelineAndFinishesTheSinksStream() {
        // A postprocessor that holds every frame until the stream ends, as a chunker holds a partial chunk.
        PostprocessorFactory holder = options -> new Processor() {
            private final StringBuilder held = new StringBuilder();

            @Override
            public void process(byte[] data, int offset, int length, io.weir.api.processor.FrameOutput out) {
                held.append(new String(data, offset, length, StandardCharsets.UTF_8)).append(';');
            }

            @Override
            public void finish(io.weir.api.processor.FrameOutput out) {
                byte[] all = held.toString().getBytes(StandardCharsets.UTF_8);
                out.frame(all, 0, all.length);
            }
        };
        FakeSink sink = new FakeSink();
        SinkSlot out = rig.sinkSlot("out", options);
        rig.sink(out, sink, Options.withCodec("lines", List.of()), new LineCodec(),
                List.of(new ProcessorStep("hold", holder, Map.of())));
        PipelineSlot slot = new PipelineSlot("p", 64, ManagerOptions.DEFAULT_QUEUE_BYTES);
        slot.routes(new Routes(Map.of("out", List.of(Rig.to(out)))));
        rig.pipeline(slot, builder(ScriptedPipeline.passThrough()));
        FakeSource source = new FakeSource().value(4, 0, "a").value(4, 1, "b").end(4);
        rig.source(Rig.wire("in", Map.of("out", List.of(Rig.to(slot))), List.of(slot.breaker(), out.breaker())),
                source, options, null, List.of());

        Wait.until("the stream's tail is written, frames " + sink.frames, () -> sink.frames.contains("a;b;"));
        Wait.until("both acknowledged", () -> source.acked.size() == 2);
        Event tail = sink.events.get(sink.events.size() - 1);
        assertEquals(Boolean.TRUE, tail.meta().get("stream_end"));
        assertEquals(2, out.counters().out.sum());
    }

    @Test
    public void aPipelineThatCannotBeBuiltIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        PipelineSlot slot = new PipelineSlot("p", 64, ManagerOptions.DEFAULT_QUEUE_BYTES);
        PipelineRunner runner = rig.pipeline(slot, (listener, restored) -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("operator factory not ready");
            }
            return new ScriptedPipeline("p", listener, ScriptedPipeline.passThrough());
        });
        Wait.until("built on the third attempt", () -> runner.state() == NodeState.RUNNING);
        assertEquals(3, attempts.get());
        assertTrue(slot.breaker().isClosed());
    }
}
