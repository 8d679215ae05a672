package io.weir.runtime.internal.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import io.weir.runtime.internal.config.ConnectorKind;
import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

public class FlowEngineTest {
    private final EngineFixture fx = new EngineFixture().withPlugins();

    @After
    public void stop() {
        fx.close();
    }

    private static FakeSource lines(String prefix, int n) {
        FakeSource source = new FakeSource();
        for (int i = 0; i < n; i++) {
            source.line(0, i, prefix + i + "\n");
        }
        return source;
    }

    @Test
    public void aFlowFromConfigurationRunsEndToEnd() {
        FakeSource source = lines("l", 50);
        FakeSink sink = new FakeSink();
        fx.source("in", source, "codec", "lines", "preprocessors", "split", "batch.timeout_ms", "1");
        fx.sink("out", sink, "codec", "lines", "postprocessors", "newline");
        fx.pipeline("main", "node.a.type", "pass", "links", "in -> a -> out");
        fx.flow("f", "source/in -> pipeline/main -> sink/out, pipeline/main.err -> sink/out");

        Wait.until("50 acks, flows " + fx.engine.flows(), () -> source.acked.size() == 50);
        assertEquals("l0\n", sink.frames.get(0));
        FlowView flow = fx.flow("f");
        assertEquals("running", flow.state());
        assertEquals(List.of("source/in", "pipeline/main", "sink/out"),
                flow.nodes().stream().map(NodeView::label).toList());
        assertEquals(50, fx.node("f", "source/in").counters().out());
        assertEquals(50, fx.node("f", "source/in").counters().acked());
        assertEquals(50, fx.node("f", "sink/out").counters().out());
        assertEquals(50, fx.node("f", "sink/out").latency().count());
        assertEquals("fake", fx.node("f", "sink/out").type());
        assertEquals("/opt/weir/etc/weir.sink.fake-out.cfg", fx.node("f", "sink/out").origin());
        assertTrue(fx.problems.toString(), fx.problems.isEmpty());
    }

    @Test
    public void aMissingSinkLeavesTheFlowWaitingUntilItComes() {
        FakeSource source = lines("l", 3);
        fx.source("in", source, "codec", "lines", "preprocessors", "split");
        fx.flow("f", "source/in -> sink/out");
        FlowView waiting = fx.flow("f");
        assertEquals("waiting", waiting.state());
        assertTrue(waiting.reason(), waiting.reason().startsWith("sink/out is not registered: no sink instance named"
                + " 'out' (configure it in etc/weir.sink.<type>-out.cfg"));
        Wait.until("the source waits", () -> fx.node("f", "source/in").state() == NodeState.WAITING
                && fx.node("f", "source/in").reason() != null);
        assertEquals(0, source.opens.get());

        FakeSink sink = new FakeSink();
        fx.sink("out", sink, "codec", "lines");
        Wait.until("3 acks", () -> source.acked.size() == 3);
        Wait.until("running, " + fx.flow("f"), () -> fx.flow("f").state().equals("running"));
        assertTrue(fx.problems.isEmpty());
    }

    @Test
    public void aMissingCodecOrOperatorTypeLeavesItsNodeWaiting() {
        fx.source("in", new FakeSource(), "codec", "csv");
        fx.sink("out", new FakeSink());
        fx.pipeline("main", "node.w.type", "window", "links", "in -> w -> out");
        fx.flow("f", "source/in -> pipeline/main -> sink/out");
        assertEquals(NodeState.WAITING, fx.node("f", "source/in").state());
        assertEquals("waits for codec 'csv'", fx.node("f", "source/in").reason());
        assertEquals(NodeState.WAITING, fx.node("f", "pipeline/main").state());
        assertEquals("waits for operator type 'window' (node 'w')", fx.node("f", "pipeline/main").reason());
        assertEquals(0, fx.compiles("main"));

        fx.engine.pluginAdded(PluginKind.OPERATOR, "window", fx.pass, 999, 0, "ops 1.0.0");
        Wait.until("the pipeline runs", () -> fx.node("f", "pipeline/main").state() == NodeState.RUNNING);
    }

    @Test
    public void aBrokenFlowFileIsReportedOnceAndTheRunningFlowStaysAsItWas() {
        FakeSource source = lines("l", 5);
        FakeSink sink = new FakeSink();
        fx.source("in", source, "codec", "lines", "preprocessors", "split");
        fx.sink("out", sink, "codec", "lines");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("5 acks", () -> source.acked.size() == 5);

        fx.flow("f", "source/in => sink/other");
        assertEquals(1, fx.problems.size());
        assertEquals("/opt/weir/etc/weir.flow-f.cfg: links: \"source/in => sink/other\" is not a link; write <from> ->"
                + " <to>, for example links = source/ticks -> pipeline/main, pipeline/main.out -> sink/console;"
                + " flow 'f' keeps running as before", fx.problems.get(0));
        FlowView flow = fx.flow("f");
        assertEquals("running", flow.state());
        assertTrue(flow.error(), flow.error().contains("is not a link"));
        source.line(0, 5, "more\n");
        Wait.until("the old flow still runs", () -> source.acked.size() == 6);
        assertEquals(1, source.opens.get());
        assertEquals(1, sink.opens.get());
    }

    @Test
    public void aBrokenNewFlowIsShownAsInvalid() {
        fx.flow("f", "sink/out -> source/in");
        FlowView flow = fx.flow("f");
        assertEquals("invalid", flow.state());
        assertEquals(1, fx.problems.size());
        assertTrue(fx.problems.get(0), fx.problems.get(0).endsWith("flow 'f' is not started"));
    }

    @Test
    public void anEditedPipelineRestartsOnlyThatPipeline() {
        FakeSource a = lines("a", 2);
        FakeSource b = lines("b", 2);
        FakeSink x = new FakeSink();
        FakeSink y = new FakeSink();
        fx.source("a", a, "codec", "lines", "preprocessors", "split");
        fx.source("b", b, "codec", "lines", "preprocessors", "split");
        fx.sink("x", x, "codec", "lines");
        fx.sink("y", y, "codec", "lines");
        fx.pipeline("p1", "node.n.type", "pass", "links", "in -> n -> out");
        fx.pipeline("p2", "node.n.type", "pass", "links", "in -> n -> out");
        fx.flow("one", "source/a -> pipeline/p1 -> sink/x");
        fx.flow("two", "source/b -> pipeline/p2 -> sink/y");
        Wait.until("both flows deliver", () -> a.acked.size() == 2 && b.acked.size() == 2);
        // A runner counts once it ticked (every 10 ms); events may be through before the first tick.
        assertEquals(1, fx.runners("p1").size());
        int p2Compiles = fx.compiles("p2");

        fx.pipeline("p1", "node.n.type", "pass", "node.n.note", "changed", "links", "in -> n -> out");
        Wait.until("p1 was rebuilt", () -> fx.runners("p1").size() == 2);
        assertTrue("the old p1 was closed", fx.runners("p1").get(0).closed);
        assertEquals(p2Compiles, fx.compiles("p2"));
        assertEquals(1, fx.runners("p2").size());
        a.line(0, 2, "again\n");
        b.line(0, 2, "again\n");
        Wait.until("both still deliver", () -> a.acked.size() == 3 && b.acked.size() == 3);
        assertEquals(1, a.opens.get());
        assertEquals(1, b.opens.get());
        assertEquals(1, x.opens.get());
        assertEquals(1, y.opens.get());
        assertTrue(fx.problems.isEmpty());
    }

    @Test
    public void aPipelineEditThatDoesNotCompileKeepsThePreviousPipeline() {
        FakeSource source = lines("l", 1);
        fx.source("in", source, "codec", "lines", "preprocessors", "split");
        fx.sink("out", new FakeSink(), "codec", "lines");
        fx.pipeline("main", "node.n.type", "pass", "links", "in -> n -> out");
        fx.flow("f", "source/in -> pipeline/main -> sink/out");
        Wait.until("flows", () -> source.acked.size() == 1);

        fx.pipeline("main", "node.n.type", "pass", "node.n.expression", "((", "links", "in -> n -> out");
        assertEquals(List.of("/opt/weir/etc/weir.pipeline-main.cfg: node.n.expression: @1:2 parse error; pipeline"
                + " 'main' keeps running its previous configuration"), fx.problems);
        assertEquals(1, fx.runners("main").size());
        NodeView node = fx.node("f", "pipeline/main");
        assertEquals(NodeState.RUNNING, node.state());
        assertTrue(node.reason(), node.reason().contains("the new one was refused"));
        // Another change elsewhere does not report the same problem again.
        fx.engine.pluginAdded(PluginKind.CODEC, "other", new io.weir.runtime.internal.testing.LineCodec(), 555, 0,
                "x 1");
        assertEquals(1, fx.problems.size());
        source.line(0, 1, "still\n");
        Wait.until("the old pipeline runs", () -> source.acked.size() == 2);
    }

    @Test
    public void wrongManagerOptionsAreReportedOnceWithFileAndKey() {
        fx.source("in", new FakeSource(), "batch.size", "lots");
        fx.sink("out", new FakeSink());
        fx.flow("f", "source/in -> sink/out");
        fx.engine.pluginAdded(PluginKind.CODEC, "other", new io.weir.runtime.internal.testing.LineCodec(), 555, 0,
                "x 1");
        assertEquals(List.of("/opt/weir/etc/weir.source.fake-in.cfg: batch.size: expected a whole number from 1 to"
                + " 1000000, got \"lots\"; source 'in' is not started"), fx.problems);
        NodeView node = fx.node("f", "source/in");
        assertEquals(NodeState.INVALID, node.state());
        assertEquals("failed", fx.flow("f").state());
    }

    @Test
    public void aWrongCodecOptionIsReportedWithTheCodecsName() {
        fx.sink("out", new FakeSink(), "codec", "lines");
        fx.source("in", new FakeSource(), "codec", "lines", "codec.broken", "yes");
        fx.flow("f", "source/in -> sink/out");
        assertEquals(List.of("/opt/weir/etc/weir.source.fake-in.cfg: codec 'lines': codec.broken: not an option;"
                + " source 'in' is not started"), fx.problems);
    }

    @Test
    public void pausingAFlowPausesItsSourcesAndResumingContinues() {
        FakeSource source = lines("l", 1);
        fx.source("in", source, "codec", "lines", "preprocessors", "split");
        fx.sink("out", new FakeSink(), "codec", "lines");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("flows", () -> source.acked.size() == 1);

        String said = fx.engine.pause("f");
        assertEquals("flow 'f' paused: source/in stop pulling; events already taken are delivered. weir:resume f"
                + " continues.", said);
        Wait.until("the source pauses", () -> source.pauses.get() == 1);
        assertEquals("paused", fx.flow("f").state());
        assertEquals("flow 'f' is paused by the operator (weir:resume f)", fx.node("f", "source/in").reason());
        source.line(0, 1, "later\n");
        assertEquals("flow 'f' resumed", fx.engine.resume("f"));
        Wait.until("the event flows", () -> source.acked.size() == 2);
        assertEquals(0, source.pullsWhilePaused.get());
        try {
            fx.engine.pause("nope");
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("no flow named 'nope'; the flows are f", e.getMessage());
        }
    }

    @Test
    public void pausingAnInvalidFlowSaysWhyAndUnknownNamesListOnlyTheFlowsThatCanBePaused() {
        fx.flow("g", "sink/out -> source/in");
        try {
            fx.engine.pause("nope");
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("no flow named 'nope'; every flow is invalid (weir:flows says why)", e.getMessage());
        }
        fx.flow("f", "source/in -> sink/out");
        try {
            fx.engine.resume("nope");
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("no flow named 'nope'; the flows are f", e.getMessage());
        }
        try {
            fx.engine.pause("g");
            fail();
        } catch (IllegalStateException e) {
            assertEquals("flow 'g' is invalid, so it does not run and cannot be paused: " + fx.flow("g").error(),
                    e.getMessage());
            assertTrue(e.getMessage(), e.getMessage().startsWith("flow 'g' is invalid, so it does not run and cannot be"
                    + " paused: /opt/weir/etc/weir.flow-g.cfg: "));
        }
    }

    @Test
    public void anUnregisteredSourceIsStoppedBeforeTheCallReturns() {
        FakeSource source = lines("l", 1);
        ConnectorService service = fx.source("in", source, "codec", "lines", "preprocessors", "split");
        fx.sink("out", new FakeSink(), "codec", "lines");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("flows", () -> source.acked.size() == 1);
        fx.engine.connectorRemoved(ConnectorKind.SOURCE, service.serviceId());
        assertEquals(1, source.closes.get());
        assertEquals("waiting", fx.flow("f").state());
    }

    @Test
    public void aNewInstanceWithTheSameConfigurationGetsTheStateOfTheOldOne() {
        FakeSource first = lines("l", 1);
        ConnectorService service = fx.source("in", first, "codec", "lines", "preprocessors", "split");
        fx.sink("out", new FakeSink(), "codec", "lines");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("flows", () -> first.acked.size() == 1);
        fx.engine.connectorRemoved(ConnectorKind.SOURCE, service.serviceId());

        FakeSource second = new FakeSource();
        fx.source("in", second, "codec", "lines", "preprocessors", "split");
        Wait.until("the new one opens", () -> second.context != null);
        assertEquals(first.snapshot().keySet(), second.context.restoredState().keySet());

        fx.engine.connectorRemoved(ConnectorKind.SOURCE, fx.ids.get());
        FakeSource third = new FakeSource();
        fx.source("in", third, "codec", "lines", "preprocessors", "split", "batch.size", "8");
        Wait.until("the reconfigured one opens", () -> third.context != null);
        assertEquals("a new configuration starts afresh", Map.of(), third.context.restoredState());
    }

    @Test
    public void aDuplicateInstanceNameIsReportedAndIgnored() {
        FakeSource first = new FakeSource();
        fx.source("in", first);
        fx.source("in", new FakeSource());
        assertEquals(1, fx.problems.size());
        assertTrue(fx.problems.get(0), fx.problems.get(0).contains("a source instance named 'in' is already"
                + " configured in /opt/weir/etc/weir.source.fake-in.cfg; this one is ignored"));
        List<InstanceView> instances = fx.engine.instances();
        assertEquals(2, instances.size());
        assertEquals("not used by any flow", instances.get(0).note());
        assertTrue(instances.get(1).note().startsWith("ignored: the name is taken by"));
    }

    @Test
    public void removingAFlowStopsWhatOnlyItUsedAndFailsWhatWaited() {
        FakeSource source = lines("l", 3);
        FakeSink sink = new FakeSink();
        sink.openFailures = Integer.MAX_VALUE;
        fx.source("in", source, "codec", "lines", "preprocessors", "split");
        fx.sink("out", sink, "codec", "lines");
        fx.sink("shared", new FakeSink(), "codec", "lines");
        fx.flow("f", "source/in -> sink/out");
        fx.flow("g", "source/in -> sink/shared");
        Wait.until("the source waits for sink/out", () -> fx.node("f", "source/in").state() == NodeState.WAITING);
        fx.engine.flowRemoved("f");
        Wait.until("g runs alone", () -> source.acked.size() == 3);
        assertEquals(List.of("g"), fx.engine.flows().stream().map(FlowView::name).toList());
        assertTrue(fx.engine.nodes().stream().noneMatch(n -> n.label().equals("sink/out")));
        assertNull(fx.engine.flows().get(0).reason());
    }

    @Test
    public void aFailingSourceMarksItsFlowFailedWhileAnotherFlowRuns() {
        FakeSource broken = new FakeSource();
        broken.pullFailure = n -> new IllegalStateException("boom");
        FakeSource healthy = lines("h", 100);
        fx.source("bad", broken, "retry.backoff_ms", "50");
        fx.source("good", healthy, "codec", "lines", "preprocessors", "split");
        fx.sink("x", new FakeSink());
        fx.sink("y", new FakeSink(), "codec", "lines");
        fx.flow("broken", "source/bad -> sink/x");
        fx.flow("healthy", "source/good -> sink/y");
        Wait.until("the broken flow shows its failure", () -> fx.flow("broken").state().equals("failed"));
        assertTrue(fx.flow("broken").reason(), fx.flow("broken").reason().startsWith(
                "source/bad: pull failed: java.lang.IllegalStateException: boom; opening again in"));
        Wait.until("the healthy flow delivers", () -> healthy.acked.size() == 100);
        assertEquals("running", fx.flow("healthy").state());
    }

    @Test
    public void wrongManagerDefaultsAreRefused() {
        fx.engine.managerDefaults(EngineFixture.file("weir.manager", "x", "queue.capacity", "0"));
        fx.engine.managerDefaults(Map.of("codec", "json"));
        assertEquals(2, fx.problems.size());
        assertTrue(fx.problems.get(0), fx.problems.get(0).contains("queue.capacity: expected a whole number from 1"));
        assertTrue(fx.problems.get(1), fx.problems.get(1).startsWith("configuration: codec: not a manager default"));
    }

    @Test
    public void aSinkNotRegisteredYetShowsTheQueueBoundsItWillHave() {
        fx.source("in", new FakeSource());
        fx.flow("f", "source/in -> sink/out");
        assertEquals("waiting", fx.flow("f").state());
        assertEquals("0/1024 (0/256 KiB)", fx.node("f", "sink/out").queue().describe());

        fx.engine.managerDefaults(Map.of("queue.capacity_bytes", "131072"));
        fx.flow("g", "source/in -> sink/other");
        assertEquals("0/1024 (0/128 KiB)", fx.node("g", "sink/other").queue().describe());
    }

    @Test
    public void managerDefaultsApplyWhereTheConnectorSetsNothing() {
        fx.engine.managerDefaults(Map.of("queue.capacity", "77"));
        fx.sink("out", new FakeSink());
        fx.source("in", new FakeSource());
        fx.flow("f", "source/in -> sink/out");
        Wait.until("the sink runs", () -> fx.node("f", "sink/out").state() == NodeState.RUNNING);
        assertEquals(77, fx.node("f", "sink/out").queue().capacity());
    }

    @Test
    public void aPipelineHearsWhenASinkBehindOneOfItsOutputsOpensItsBreaker() {
        FakeSink sink = new FakeSink();
        fx.source("in", new FakeSource());
        fx.sink("out", sink);
        fx.pipeline("main", "node.a.type", "pass", "links", "in -> a -> out");
        fx.flow("f", "source/in -> pipeline/main -> sink/out");
        Wait.until("the sink is open", () -> sink.context != null && fx.node("f", "sink/out").state()
                == NodeState.RUNNING);
        io.weir.runtime.internal.testing.ScriptedPipeline pipeline = fx.runners("main").get(0);
        sink.context.unavailable("busy");
        Wait.until("out reported unhealthy", () -> Boolean.FALSE.equals(pipeline.health.get("out")));
        sink.context.available();
        Wait.until("out reported healthy", () -> Boolean.TRUE.equals(pipeline.health.get("out")));
    }

    @Test
    public void aLinkToAPortThePipelineDoesNotHaveIsShownAndItsEventsFail() {
        FakeSource source = new FakeSource().value(0, 0, 1L);
        fx.source("in", source);
        fx.sink("out", new FakeSink());
        fx.pipeline("main", "node.a.type", "pass", "links", "in -> a -> out");
        fx.flow("f", "source/in -> pipeline/main.other, pipeline/main.alerts -> sink/out");
        Wait.until("the event fails", () -> source.failed.size() == 1);
        assertEquals(List.of("source/in.out -> pipeline/main.other: pipeline 'main' has no input port 'other' (its"
                + " inputs: in)", "pipeline/main.alerts -> sink/out.in: pipeline 'main' has no output port 'alerts'"
                + " (its outputs: err, out)"), fx.flow("f").warnings());
        assertEquals("no input port 'other' (its inputs: in); the flow links to it",
                fx.node("f", "pipeline/main").lastError());
    }

    @Test
    public void aNewQueueCapacityAppliesWithoutARestart() {
        fx.source("in", new FakeSource());
        fx.sink("out", new FakeSink());
        fx.pipeline("main", "node.a.type", "pass", "links", "in -> a -> out");
        fx.flow("f", "source/in -> pipeline/main -> sink/out");
        Wait.until("runs", () -> fx.node("f", "pipeline/main").state() == NodeState.RUNNING);
        int compiles = fx.compiles("main");
        fx.pipeline("main", "node.a.type", "pass", "links", "in -> a -> out", "queue.capacity", "7");
        assertEquals(7, fx.node("f", "pipeline/main").queue().capacity());
        assertEquals(compiles, fx.compiles("main"));
        assertEquals(1, fx.runners("main").size());
    }

    @Test
    public void anInstanceStuckInACallIsNotCalledByANewManager() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeSource stuck = new FakeSource() {
            @Override
            public boolean pull(io.weir.api.connector.SourceOutput output, long timeoutMillis) {
                // ignores interrupts, as a plugin stuck in native code would
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        // keep waiting
                    }
                }
                return true;
            }
        };
        fx.source("in", stuck, "close.timeout_ms", "100", "pull.timeout_ms", "20");
        fx.sink("out", new FakeSink());
        fx.flow("f", "source/in -> sink/out");
        Wait.until("the source pulls", () -> fx.node("f", "source/in").state() == NodeState.RUNNING);
        try {
            fx.engine.flowRemoved("f");
            fx.flow("f", "source/in -> sink/out");
            NodeView node = fx.node("f", "source/in");
            assertEquals(NodeState.QUARANTINED, node.state());
            assertTrue(node.reason(), node.reason().contains("the instance is stuck in a plugin call on thread"
                    + " 'weir-source-in'"));
            assertEquals(1, stuck.opens.get());
        } finally {
            release.countDown();
        }
    }

    @Test
    public void aFlowWhoseSourcesDeliveredEverythingIsFinished() {
        FakeSource source = lines("l", 2);
        source.endAfterScript = true;
        fx.source("in", source, "codec", "lines", "preprocessors", "split");
        fx.sink("out", new FakeSink(), "codec", "lines");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("finished, " + fx.flow("f"), () -> fx.flow("f").state().equals("finished"));
        Wait.until("what it delivered is acknowledged", () -> source.acked.size() == 2);
        assertEquals("every source delivered all its data", fx.flow("f").reason());
    }

    private void twoPipelines() {
        fx.pipeline("p1", "node.a.type", "pass", "links", "in -> a -> out");
        fx.pipeline("p2", "node.a.type", "pass", "links", "in -> a -> out");
    }

    @Test
    public void aFlowRefusedForACrossFlowCycleStartsOnceTheOtherFlowIsRemoved() {
        twoPipelines();
        fx.flow("fa", "pipeline/p1 -> pipeline/p2");
        fx.flow("fb", "pipeline/p2 -> pipeline/p1");
        assertEquals("invalid", fx.flow("fb").state());
        assertEquals(List.of("/opt/weir/etc/weir.flow-fb.cfg: links: the pipelines form a cycle: pipeline/p1 ->"
                + " pipeline/p2 -> pipeline/p1; flow 'fb' is not started"), fx.problems);

        fx.engine.flowRemoved("fa");
        FlowView fb = fx.flow("fb");
        assertNotEquals("invalid", fb.state());
        assertNull(fb.error());
        assertEquals(List.of("pipeline/p2.out -> pipeline/p1.in"), fb.links());
        assertEquals(1, fx.problems.size());
    }

    @Test
    public void aFlowRefusedForACrossFlowCycleStartsOnceTheOtherFlowIsEdited() {
        twoPipelines();
        fx.flow("fa", "pipeline/p1 -> pipeline/p2");
        fx.flow("fb", "pipeline/p2 -> pipeline/p1");
        assertEquals("invalid", fx.flow("fb").state());

        fx.flow("fa", "pipeline/p1 -> sink/trash");
        assertNotEquals("invalid", fx.flow("fb").state());
        assertNull(fx.flow("fb").error());
        assertNotEquals("invalid", fx.flow("fa").state());
    }

    @Test
    public void aRunningFlowsEditAdmittedLaterFreesAFlowTriedBeforeIt() {
        twoPipelines();
        fx.pipeline("p3", "node.a.type", "pass", "links", "in -> a -> out");
        fx.pipeline("p4", "node.a.type", "pass", "links", "in -> a -> out");
        fx.flow("fb", "pipeline/p1 -> pipeline/p2");
        fx.flow("fc", "pipeline/p3 -> pipeline/p4");
        fx.flow("fa", "pipeline/p2 -> pipeline/p1");   // refused: cycle with fb
        fx.flow("fb", "pipeline/p4 -> pipeline/p3");   // refused: cycle with fc; fb keeps p1 -> p2
        assertEquals("invalid", fx.flow("fa").state());

        // fb's edit gets in once fc is gone, and takes p1 -> p2 away: fa, tried first by name, gets in after it.
        fx.engine.flowRemoved("fc");
        assertEquals(List.of("pipeline/p4.out -> pipeline/p3.in"), fx.flow("fb").links());
        assertNotEquals("invalid", fx.flow("fa").state());
        assertNull(fx.flow("fa").error());
    }

    @Test
    public void namesWithADotOrASpaceAreRefusedNamingTheFile() {
        fx.sink("con.sole", new FakeSink(), "codec", "lines");
        fx.pipeline("my.pipe", "node.a.type", "pass", "links", "in -> a -> out");
        fx.flow("my flow", "pipeline/p1 -> sink/trash");
        assertTrue(fx.problems.toString(), fx.problems.contains("/opt/weir/etc/weir.sink.fake-con.sole.cfg: 'con.sole'"
                + " is not a sink instance name: letters, digits, _ and - only (a dot would clash with port names in"
                + " links); rename the file; this sink is ignored"));
        assertTrue(fx.problems.toString(), fx.problems.stream().anyMatch(p -> p.startsWith(
                "/opt/weir/etc/weir.pipeline-my.pipe.cfg: name: 'my.pipe' is not a pipeline name")));
        assertEquals("invalid", fx.flow("my flow").state());
        assertTrue(fx.flow("my flow").error(), fx.flow("my flow").error().contains("'my flow' is not a flow name"));
        assertEquals(List.of(), fx.engine.instances());
    }

    @Test
    public void aFlowBrokenByItsOwnFileIsNotRetriedWhenAnotherFlowChanges() {
        twoPipelines();
        fx.flow("fa", "pipeline/p1 -> pipeline/p2");
        fx.flow("fb", "pipeline/p2 -> pipeline/p1");   // refused: cycle with fa
        fx.flow("fb", "pipeline/p2 -> nowhere");        // now broken on its own
        fx.flow("fc", "pipeline/p2 -> pipeline/p1");   // refused: cycle with fa

        fx.engine.flowRemoved("fa");
        assertNotEquals("invalid", fx.flow("fc").state());
        FlowView fb = fx.flow("fb");
        assertEquals("invalid", fb.state());
        assertTrue(fb.error(), fb.error().contains("\"nowhere\" is not a node"));
        assertEquals(fx.problems.toString(), 3, fx.problems.size());
    }

    @Test
    public void flowsRefusedForACycleAreRetriedByNameWhateverTheOrderTheyCameIn() {
        for (String p : List.of("p1", "p2", "p3", "p4")) {
            fx.pipeline(p, "node.a.type", "pass", "links", "in -> a -> out");
        }
        // fa closes a cycle with fb and one with fc; fb and fc close one with each other.
        fx.flow("fa", "pipeline/p4 -> pipeline/p3, pipeline/p1 -> pipeline/p2");
        fx.flow("fc", "pipeline/p2 -> pipeline/p1, pipeline/p4 -> pipeline/p3");
        fx.flow("fb", "pipeline/p1 -> pipeline/p2, pipeline/p3 -> pipeline/p4");
        assertEquals("invalid", fx.flow("fb").state());
        assertEquals("invalid", fx.flow("fc").state());

        fx.engine.flowRemoved("fa");
        assertNotEquals("invalid", fx.flow("fb").state());
        FlowView fc = fx.flow("fc");
        assertEquals("invalid", fc.state());
        assertTrue(fc.error(), fc.error().contains("the pipelines form a cycle"));
    }
}
