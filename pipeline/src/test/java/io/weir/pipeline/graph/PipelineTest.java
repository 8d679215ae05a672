package io.weir.pipeline.graph;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.testing.BuiltIns;
import io.weir.pipeline.testing.RecordingListener;

public class PipelineTest {
    private final Map<String, OperatorFactory> types = BuiltIns.factories();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> log = new ArrayList<>();

    /** What a test operator does with an event. */
    private interface Body {
        void process(Event event, Emitter out) throws Exception;
    }

    /** Registers an operator type whose nodes run {@code body} and log their ticks and closes. */
    private void type(String name, Body body) {
        types.put(name, (context, options) -> new Operator() {
            @Override
            public void process(Event event, Emitter out) throws Exception {
                body.process(event, out);
            }

            @Override
            public void tick(long nowNanos, Emitter out) {
                log.add("tick " + context.name());
                if (options.containsKey("tick_fails")) {
                    throw new IllegalStateException("tick broke");
                }
            }

            @Override
            public Map<String, Object> snapshot() {
                return options.containsKey("state") ? Map.of("state", options.get("state")) : Map.of();
            }

            @Override
            public void close(Emitter out) {
                log.add("close " + context.name());
                if (options.containsKey("pause")) {
                    context.pauseUpstream("held");
                }
            }
        });
    }

    private Pipeline compile(String... lines) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            config.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
        }
        return PipelineCompiler.compile("main", config, types::get, Map.of(), listener);
    }

    @Test
    public void theDocumentedExampleFiltersAndEnriches() {
        Pipeline pipeline = compile(
                "node.drop_debug.type = filter",
                "node.drop_debug.expression = event.level != \"debug\"",
                "node.enrich.type = fields",
                "node.enrich.rename.level = severity",
                "node.enrich.set.proc = \"weir\"",
                "links = in -> drop_debug -> enrich -> out, drop_debug.err -> err");
        Event debug = event(1, map("level", "debug"));
        pipeline.process("in", debug);
        pipeline.process("in", event(2, map("level", "info")));
        pipeline.process("in", event(3, "not a map"));
        assertEquals(List.of(debug), listener.acked);
        assertEquals(List.of(map("severity", "info", "proc", "weir")), listener.values("out"));
        Event failed = listener.events("err").get(0);
        assertEquals("node.drop_debug.expression: @1:13 undefined property 'level'", failed.meta().get("error"));
        assertEquals("drop_debug", failed.meta().get("error_node"));
        Map<String, Map<String, Long>> counters = pipeline.counters();
        assertEquals(Map.of("out", 3L), counters.get("in"));
        assertEquals(Map.of("in", 3L, "err", 1L, "out", 1L, "dropped", 1L, "failed", 0L, "thrown", 1L),
                counters.get("drop_debug"));
        assertEquals(Map.of("in", 1L, "err", 0L, "out", 1L, "dropped", 0L, "failed", 0L, "thrown", 0L),
                counters.get("enrich"));
        assertEquals(Map.of("in", 1L), counters.get("out"));
        assertEquals(Map.of("in", 1L), counters.get("err"));
        assertTrue(listener.failed.isEmpty());
    }

    @Test
    public void withoutNodesEventsPassStraightThrough() {
        Pipeline pipeline = compile("links = in -> out");
        Event event = event(1, "x");
        pipeline.process("in", event);
        assertEquals(List.of("out"), listener.ports);
        assertSame(event, listener.emitted.get(0));
    }

    @Test
    public void anUnlinkedErrPortLeadsToThePipelinesErrOutput() {
        type("thrower", (event, out) -> {
            throw new IllegalStateException("cannot");
        });
        Pipeline pipeline = compile("node.t.type = thrower", "links = in -> t -> out");
        pipeline.process("in", event(1, "x"));
        assertEquals(List.of("err"), listener.ports);
        assertEquals("cannot", listener.emitted.get(0).meta().get("error"));
        assertEquals(1L, (long) pipeline.counters().get("t").get("thrown"));
    }

    @Test
    public void aLinkedErrPortLeadsWhereverItIsLinked() {
        type("thrower", (event, out) -> {
            throw new IllegalStateException();
        });
        type("tagger", (event, out) -> {
            event.meta().put("seen", true);
            out.emit("out", event);
        });
        Pipeline pipeline = compile("node.t.type = thrower", "node.tag.type = tagger",
                "links = in -> t -> out, t.err -> tag -> dead_letters");
        pipeline.process("in", event(1, "x"));
        assertEquals(List.of("dead_letters"), listener.ports);
        Map<String, Object> meta = listener.emitted.get(0).meta();
        assertEquals("java.lang.IllegalStateException", meta.get("error"));
        assertEquals(true, meta.get("seen"));
    }

    @Test
    public void aReadOnlyMetadataMapIsReplacedToCarryTheError() {
        type("thrower", (event, out) -> {
            throw new IllegalStateException("x");
        });
        Pipeline pipeline = compile("node.t.type = thrower", "links = in -> t -> out");
        pipeline.process("in", new Event(event(1, "x").id(), 0, "x", Map.of("peer", "p")));
        assertEquals(Map.of("peer", "p", "error", "x", "error_node", "t"), listener.emitted.get(0).meta());
    }

    @Test
    public void eventsOnUnlinkedPortsAreAcknowledgedAndCounted() {
        Pipeline pipeline = compile("node.r.type = route", "node.r.route.errors = event == 'error'",
                "links = in -> r.errors -> alerts");
        Event info = event(1, "info");
        pipeline.process("in", info);
        pipeline.process("in", event(2, "error"));
        assertEquals(List.of(info), listener.acked);
        assertEquals(List.of("error"), listener.values("alerts"));
        assertEquals(Map.of("in", 2L, "err", 0L, "errors", 1L, "out", 1L, "dropped", 1L, "failed", 0L, "thrown", 0L),
                pipeline.counters().get("r"));
    }

    @Test
    public void anEventFailedByAnOperatorIsFailedUpstream() {
        type("refuser", (event, out) -> out.complete(event, false));
        Pipeline pipeline = compile("node.x.type = refuser", "links = in -> x -> out");
        Event event = event(1, "x");
        pipeline.process("in", event);
        assertEquals(List.of(event), listener.failed);
        assertEquals(1L, (long) pipeline.counters().get("x").get("failed"));
    }

    @Test
    public void anEventGivenUpBeforeTheOperatorThrewIsNotSentTwice() {
        type("sloppy", (event, out) -> {
            out.emit("out", event);
            throw new IllegalStateException("after the fact");
        });
        Pipeline pipeline = compile("node.s.type = sloppy", "links = in -> s -> out");
        pipeline.process("in", event(1, "x"));
        assertEquals(List.of("out"), listener.ports);
        assertNull(listener.emitted.get(0).meta().get("error"));
        assertEquals(1L, (long) pipeline.counters().get("s").get("thrown"));
    }

    @Test
    public void errorsOfBrokenPluginsAreContainedButTheJvmsAreNot() {
        type("overflowing", (event, out) -> {
            throw new StackOverflowError();
        });
        type("unlinked", (event, out) -> {
            throw new NoClassDefFoundError("com/example/Gone");
        });
        type("exhausted", (event, out) -> {
            throw new OutOfMemoryError("test");
        });
        compile("node.o.type = overflowing", "links = in -> o -> out").process("in", event(1, "x"));
        compile("node.u.type = unlinked", "links = in -> u -> out").process("in", event(2, "x"));
        assertEquals(List.of("err", "err"), listener.ports);
        assertEquals("com/example/Gone", listener.emitted.get(1).meta().get("error"));
        Pipeline exhausted = compile("node.e.type = exhausted", "links = in -> e -> out");
        assertThrows(OutOfMemoryError.class, () -> exhausted.process("in", event(3, "x")));
    }

    @Test
    public void oneEventCanBecomeManyAndFanInWorks() {
        type("splitter", (event, out) -> {
            for (Object part : (List<?>) event.value()) {
                out.emit("out", new Event(event.ids(), event.ingestNanos(), part, new LinkedHashMap<>()));
            }
        });
        Pipeline pipeline = compile("node.s.type = splitter", "node.r.type = route",
                "node.r.route.odd = event % 2 == 1", "node.f.type = filter", "node.f.expression = event < 4",
                "links = in -> s -> r.odd -> f -> out, r -> f");
        pipeline.process("in", event(1, List.of(1L, 2L, 3L, 4L, 5L)));
        assertEquals(List.of(1L, 2L, 3L), listener.values("out"));
        assertEquals(2, listener.acked.size());
        assertEquals(5L, (long) pipeline.counters().get("f").get("in"));
    }

    @Test
    public void severalInputPortsFeedTheirOwnNodes() {
        Pipeline pipeline = compile("node.f.type = filter", "node.f.expression = event > 1",
                "links = in -> f -> out, raw -> out");
        pipeline.process("in", event(1, 1L));
        pipeline.process("raw", event(2, 1L));
        assertEquals(List.of(1L), listener.values("out"));
        assertEquals(Map.of("out", 1L), pipeline.counters().get("raw"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pipeline.process("input", event(3, 1L)));
        assertEquals("pipeline main has no input port 'input' (inputs: in, raw)", e.getMessage());
    }

    @Test
    public void ticksReachEveryNodeUpstreamFirstAndFailuresAreReported() {
        type("probe", (event, out) -> out.emit("out", event));
        Pipeline pipeline = compile("node.b.type = probe", "node.a.type = probe", "node.a.tick_fails = yes",
                "links = in -> b -> a -> out");
        pipeline.tick(1);
        pipeline.tick(2);
        assertEquals(List.of("tick b", "tick a", "tick b", "tick a"), log);
        assertEquals(List.of("a tick: tick broke", "a tick: tick broke"), listener.operatorFailures);
        assertEquals(2L, (long) pipeline.counters().get("a").get("thrown"));
        pipeline.process("in", event(1, "still works"));
        assertEquals(List.of("still works"), listener.values("out"));
    }

    @Test
    public void closeFlushesUpstreamFirstThroughTheNodesDownstream() {
        Pipeline pipeline = compile("node.batch.type = batch", "node.batch.count = 10",
                "node.sizes.type = window", "node.sizes.count = 5", "node.sizes.aggregate.n = size(event)",
                "links = in -> batch -> sizes -> out");
        pipeline.process("in", event(1, "a"));
        pipeline.process("in", event(2, "b"));
        assertTrue(listener.emitted.isEmpty());
        pipeline.close();
        // The batch flushed into the window before the window closed, so the window saw it.
        assertEquals(List.of(map("count", 1L, "n", map("count", 1L, "sum", 2L, "min", 2L, "max", 2L, "mean", 2.0))),
                listener.values("out"));
        assertEquals(2, listener.emitted.get(0).ids().size());
        assertThrows(IllegalStateException.class, () -> pipeline.process("in", event(3, "c")));
        pipeline.tick(5);
        pipeline.close();
    }

    @Test
    public void closeWithdrawsPausesTheOperatorsLeftStanding() {
        type("holder", (event, out) -> out.emit("out", event));
        Pipeline pipeline = compile("node.h.type = holder", "node.h.pause = yes", "links = in -> h -> out");
        pipeline.close();
        assertEquals(List.of("h: held"), listener.pauses);
        assertEquals(List.of("h"), listener.resumes);
    }

    @Test
    public void snapshotsCarryStateToTheReplacement() {
        Pipeline pipeline = compile("node.rr.type = round_robin", "node.rr.outputs = a, b, c",
                "links = in -> rr, rr.a -> x, rr.b -> y, rr.c -> z");
        pipeline.process("in", event(1, 1L));
        Map<String, Map<String, Object>> state = pipeline.snapshot();
        assertEquals(Map.of("rr", Map.of("next", 1L)), state);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("node.rr.type", "round_robin");
        config.put("node.rr.outputs", "a, b, c");
        config.put("links", "in -> rr, rr.a -> x, rr.b -> y, rr.c -> z");
        Pipeline replacement = PipelineCompiler.compile("main", config, types::get, state, listener);
        replacement.process("in", event(2, 2L));
        assertEquals(List.of("x", "y"), listener.ports);
    }

    @Test
    public void roundRobinTakesOutputsBehindAnUnhealthySinkOutOfRotation() {
        Pipeline pipeline = compile("node.rr.type = round_robin", "node.rr.outputs = a, b",
                "node.f.type = filter", "node.f.expression = true",
                "links = in -> rr, rr.a -> f -> sink_a, f.err -> err, rr.b -> sink_b");
        pipeline.outputHealth("err", false);
        for (int i = 0; i < 2; i++) {
            pipeline.process("in", event(i, i));
        }
        assertEquals(List.of("sink_a", "sink_b"), listener.ports);
        pipeline.outputHealth("sink_a", false);
        pipeline.outputHealth("no_such_output", false);
        for (int i = 0; i < 2; i++) {
            pipeline.process("in", event(i, i));
        }
        assertEquals(List.of("sink_a", "sink_b", "sink_b", "sink_b"), listener.ports);
        pipeline.outputHealth("sink_b", false);
        assertEquals(List.of("rr: every output of node rr is out of rotation"), listener.pauses);
        pipeline.process("in", event(9, 9));
        assertEquals("err", listener.ports.get(4));
        pipeline.outputHealth("sink_a", true);
        assertEquals(List.of("rr"), listener.resumes);
        pipeline.process("in", event(10, 10));
        assertEquals("sink_a", listener.ports.get(5));
        assertTrue(listener.operatorFailures.isEmpty());
    }

    @Test
    public void backpressureCanPauseTheSourcesThroughTheListener() {
        Pipeline pipeline = compile("node.bp.type = backpressure", "node.bp.threshold = 10ms",
                "node.bp.mode = pause", "links = in -> bp -> out");
        pipeline.process("in", event(1, System.nanoTime() - 1_000_000_000L, "late"));
        assertEquals(1, listener.pauses.size());
        assertTrue(listener.pauses.get(0), listener.pauses.get(0).startsWith("bp: events are "));
        pipeline.close();
        assertEquals(List.of("bp"), listener.resumes);
    }

    @Test
    public void operatorsEmittingToManyMadeUpPortsStillGetTheirEventsAcknowledged() {
        type("chaotic", (event, out) -> out.emit("port" + event.value(), event));
        Pipeline pipeline = compile("node.c.type = chaotic", "links = in -> c -> out");
        for (long i = 0; i < 100; i++) {
            pipeline.process("in", event(i, i));
        }
        assertEquals(100, listener.acked.size());
        assertEquals(100L, (long) pipeline.counters().get("c").get("dropped"));
    }
}
