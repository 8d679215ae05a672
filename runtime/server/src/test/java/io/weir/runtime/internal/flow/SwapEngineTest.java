package io.weir.runtime.internal.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.weir.api.connector.SinkEvent;
import io.weir.api.operator.OperatorFactory;
import io.weir.runtime.internal.config.ConnectorKind;
import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.swap.SwapRecord;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.LineCodec;
import io.weir.runtime.internal.testing.SplitLines;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

/** The engine holds nodes whose plugin bundle is being replaced, resumes them on the new version, and records it. */
public class SwapEngineTest {
    private final EngineFixture fx = new EngineFixture().withPlugins();

    @After
    public void stop() {
        fx.close();
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

    /** The same configuration registered again by a new version of the plugin, as DS does after an update. */
    private ConnectorService newVersion(ConnectorService old, Object instance, String bundle) {
        Map<String, Object> props = new HashMap<>(old.properties());
        long id = fx.ids.incrementAndGet();
        props.put("service.id", id);
        ConnectorService next = new ConnectorService(old.kind(), id, 0, instance, props, bundle);
        fx.engine.connectorAdded(next);
        return next;
    }

    @Test
    public void aSinkWhoseBundleIsUpdatedIsHeldThenResumesOnTheNewVersionWithWhatTheOldOneHeld() {
        FakeSource source = values(0, 20);
        fx.source("in", source);
        FakeSink first = new FakeSink();
        first.defer = true;
        ConnectorService v1 = fx.sink("out", first, "swap.timeout_ms", "30000");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("the first version holds 20", () -> first.deferred.size() == 20);

        fx.engine.connectorRemoved(ConnectorKind.SINK, v1.serviceId(), true);
        FlowView held = fx.flow("f");
        assertEquals("swapping", held.state());
        assertTrue(held.reason(), held.reason().startsWith("sink/out is being replaced: sink 'out' of"
                + " test.connectors 1.0.0 went away "));
        assertEquals(NodeState.SWAPPING, fx.node("f", "sink/out").state());
        assertEquals(20, fx.node("f", "sink/out").counters().replayed());
        // State and reason from one view: read in two calls, the reason may already be the next one.
        Wait.until("the source pauses for it, " + fx.node("f", "source/in"), () -> {
            NodeView in = fx.node("f", "source/in");
            return in.state() == NodeState.PAUSED && in.reason() != null
                    && in.reason().startsWith("sink/out is being replaced");
        });
        source.value(0, 20, 20L);
        assertTrue(fx.engine.swapsInProgress().containsKey("sink/out"));

        FakeSink second = new FakeSink();
        newVersion(v1, second, "test.connectors 1.0.1");
        Wait.until("the new version gets everything, " + second.values, () -> second.values.size() == 21);
        assertEquals("what the old one held first, in order", longs(0, 21), second.values);
        Wait.until("every event acknowledged once", () -> source.acked.size() == 21);
        assertTrue(source.failed.isEmpty());
        Wait.until("recorded", () -> !fx.engine.swapHistory().isEmpty());
        SwapRecord record = fx.engine.swapHistory().get(0);
        assertEquals("sink/out", record.node());
        assertEquals("sink 'out'", record.plugin());
        assertEquals("test.connectors 1.0.0", record.fromBundle());
        assertEquals("test.connectors 1.0.1", record.toBundle());
        assertEquals(SwapRecord.Outcome.RESUMED, record.outcome());
        assertEquals(20, record.replayed());
        assertTrue(record.pauseNanos() > 0);
        assertEquals("running", fx.flow("f").state());
        assertEquals("test.connectors 1.0.1", fx.node("f", "sink/out").bundle());
    }

    @Test
    public void aSourceWhoseBundleIsUpdatedHandsTheOutcomesOfItsEventsToTheNewVersion() {
        FakeSource first = values(0, 10);
        ConnectorService v1 = fx.source("in", first);
        FakeSink sink = new FakeSink();
        sink.defer = true;
        fx.sink("out", sink);
        fx.flow("f", "source/in -> sink/out");
        Wait.until("the sink holds 10", () -> sink.deferred.size() == 10);

        fx.engine.connectorRemoved(ConnectorKind.SOURCE, v1.serviceId(), true);
        assertEquals("swapping", fx.flow("f").state());
        assertEquals("the sink keeps running", NodeState.RUNNING, fx.node("f", "sink/out").state());
        sink.deferred.forEach(d -> d.ack());

        FakeSource second = new FakeSource();
        newVersion(v1, second, "test.connectors 2.0.0");
        Wait.until("the outcomes reach the new version", () -> second.acked.size() == 10);
        assertTrue("not the old one", first.acked.isEmpty());
        assertEquals("the state of the old one", Map.of("pulls", (long) first.pulls.get()),
                second.context.restoredState());
        Wait.until("recorded", () -> !fx.engine.swapHistory().isEmpty());
        assertEquals(10, fx.engine.swapHistory().get(0).handedOver());
    }

    @Test
    public void aHeldNodeWhoseNewVersionDoesNotComeIsLetGoAfterItsTimeout() {
        fx.source("in", values(0, 5));
        ConnectorService sink = fx.sink("out", new FakeSink(), "swap.timeout_ms", "200");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("running", () -> fx.flow("f").state().equals("running"));
        fx.engine.connectorRemoved(ConnectorKind.SINK, sink.serviceId(), true);
        assertEquals("swapping", fx.flow("f").state());
        Wait.until("waiting after the timeout, " + fx.flow("f"), () -> {
            FlowView flow = fx.flow("f");
            return flow.state().equals("waiting") && flow.reason() != null
                    && flow.reason().startsWith("sink/out is not registered");
        });
        SwapRecord record = fx.engine.swapHistory().get(0);
        assertEquals(SwapRecord.Outcome.TIMED_OUT, record.outcome());
        assertNull(record.toBundle());
        Wait.until("the source waits for the missing sink", () -> fx.node("f", "source/in").reason() != null
                && fx.node("f", "source/in").reason().startsWith("sink/out is not registered"));
    }

    @Test
    public void aConfigurationRemovedIsNotASwap() {
        fx.source("in", values(0, 5));
        ConnectorService sink = fx.sink("out", new FakeSink());
        fx.flow("f", "source/in -> sink/out");
        Wait.until("running", () -> fx.flow("f").state().equals("running"));
        fx.engine.connectorRemoved(ConnectorKind.SINK, sink.serviceId(), false);
        assertEquals("waiting", fx.flow("f").state());
        assertTrue(fx.engine.swapHistory().isEmpty());
        assertTrue(fx.engine.swapsInProgress().isEmpty());
    }

    @Test
    public void anOperatorBundleUpdateCarriesTheNodeStateToTheNewVersion() {
        OperatorFactory v1 = (context, options) -> (event, out) -> out.emit("out", event);
        long v1Id = fx.ids.incrementAndGet();
        fx.engine.pluginAdded(PluginKind.OPERATOR, "tally", v1, v1Id, 0, "acme.ops 1.0.0");
        FakeSource source = values(0, 7);
        fx.source("in", source);
        FakeSink sink = new FakeSink();
        fx.sink("out", sink);
        fx.pipeline("p", "node.t.type", "tally", "links", "in -> t -> out");
        fx.flow("f", "source/in -> pipeline/p -> sink/out");
        Wait.until("7 through", () -> sink.values.size() == 7);

        fx.engine.pluginRemoved(PluginKind.OPERATOR, v1Id, true);
        assertEquals(NodeState.SWAPPING, fx.node("f", "pipeline/p").state());
        assertEquals("swapping", fx.flow("f").state());
        OperatorFactory v2 = (context, options) -> (event, out) -> out.emit("out", event);
        fx.engine.pluginAdded(PluginKind.OPERATOR, "tally", v2, fx.ids.incrementAndGet(), 0, "acme.ops 1.1.0");
        Wait.until("running again", () -> fx.flow("f").state().equals("running"));
        List<Map<String, Map<String, Object>>> given = fx.restored.get("p");
        assertEquals("the node's state went to the new operator", Map.of("t", Map.of("processed", 7L)),
                given.get(given.size() - 1));
        Wait.until("recorded", () -> !fx.engine.swapHistory().isEmpty());
        SwapRecord record = fx.engine.swapHistory().get(0);
        assertEquals("operator type 'tally'", record.plugin());
        assertEquals("acme.ops 1.0.0", record.fromBundle());
        assertEquals("acme.ops 1.1.0", record.toBundle());
        source.value(0, 7, 7L);
        Wait.until("and events flow", () -> sink.values.size() == 8);
    }

    @Test
    public void aCodecBundleUpdateHoldsTheSinksThatEncodeWithIt() {
        long codecId = fx.ids.incrementAndGet();
        fx.engine.pluginAdded(PluginKind.CODEC, "text", new LineCodec(), codecId, 0, "acme.codecs 1.0.0");
        FakeSource source = values(0, 3);
        fx.source("in", source);
        FakeSink sink = new FakeSink();
        fx.sink("out", sink, "codec", "text");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("3 encoded", () -> sink.frames.size() == 3);

        fx.engine.pluginRemoved(PluginKind.CODEC, codecId, true);
        assertEquals(NodeState.SWAPPING, fx.node("f", "sink/out").state());
        fx.engine.pluginAdded(PluginKind.CODEC, "text", new LineCodec(), fx.ids.incrementAndGet(), 0,
                "acme.codecs 1.0.1");
        source.value(0, 3, 3L);
        Wait.until("encoded by the new version", () -> sink.frames.size() == 4);
        Wait.until("recorded", () -> !fx.engine.swapHistory().isEmpty());
        assertEquals("codec 'text'", fx.engine.swapHistory().get(0).plugin());
        assertEquals(SwapRecord.Outcome.RESUMED, fx.engine.swapHistory().get(0).outcome());
        assertEquals("acme.codecs 1.0.0", fx.engine.swapHistory().get(0).fromBundle());
        assertEquals("the codec's new bundle, not the sink's", "acme.codecs 1.0.1",
                fx.engine.swapHistory().get(0).toBundle());
    }

    @Test
    public void aCodecSwapUnderASourceKeepsTheHalfLineItsSplitterHoldsForTheSameInstanceToContinue() {
        long codecId = fx.ids.incrementAndGet();
        fx.engine.pluginAdded(PluginKind.CODEC, "text", new LineCodec(), codecId, 0, "acme.codecs 1.0.0");
        fx.engine.pluginAdded(PluginKind.PREPROCESSOR, "split", new SplitLines(), fx.ids.incrementAndGet(), 0,
                "acme.split 1.0.0");
        java.util.List<Boolean> continued = new java.util.concurrent.CopyOnWriteArrayList<>();
        FakeSource source = new FakeSource() {
            @Override
            public void open(io.weir.api.connector.SourceContext context) throws Exception {
                if (opens.get() > 0) {
                    // The same instance opened again under the codec's new version: it goes on where it was.
                    continued.add(context.continueStream(4));
                }
                super.open(context);
            }
        };
        source.line(4, 0, "one\n").data(4, 1, "tw");
        fx.source("in", source, "codec", "text", "preprocessors", "split");
        FakeSink sink = new FakeSink();
        fx.sink("out", sink);
        fx.flow("f", "source/in -> sink/out");
        Wait.until("one line", () -> sink.values.size() == 1);
        Wait.until("the half line was taken", () -> source.script.isEmpty() && source.pulls.get() > 2);

        fx.engine.pluginRemoved(PluginKind.CODEC, codecId, true);
        assertEquals(NodeState.SWAPPING, fx.node("f", "source/in").state());
        fx.engine.pluginAdded(PluginKind.CODEC, "text", new LineCodec(), fx.ids.incrementAndGet(), 0,
                "acme.codecs 1.0.1");
        source.data(4, 2, "o\nthree\n");
        Wait.until("three lines, " + sink.values, () -> sink.values.size() == 3);
        assertEquals(java.util.List.of("one", "two", "three"), sink.values);
        assertEquals(java.util.List.of(true), continued);
        Wait.until("recorded", () -> !fx.engine.swapHistory().isEmpty());
        assertEquals("acme.codecs 1.0.1", fx.engine.swapHistory().get(0).toBundle());
    }

    @Test
    public void aQuarantinedSinkIsShownAndWeirRestartLiftsIt() {
        fx.source("in", values(0, 200));
        FakeSink sink = new FakeSink();
        sink.failWriteIf = v -> true;
        fx.sink("out", sink, "retry.backoff_ms", "5", "retry.max_backoff_ms", "20", "quarantine.failures", "2");
        fx.flow("f", "source/in -> sink/out");
        Wait.until("quarantined, " + fx.flow("f"), () -> {
            FlowView flow = fx.flow("f");
            return flow.state().equals("quarantined") && flow.reason() != null
                    && flow.reason().startsWith("sink/out: quarantined: 2 failures within"
                            + " 60000 ms, the last: write failed: java.io.IOException: cannot write");
        });
        List<InstanceView> instances = fx.engine.instances();
        assertTrue(instances.toString(), instances.stream().anyMatch(i -> i.note() != null
                && i.note().startsWith("quarantined: 2 failures")));

        sink.failWriteIf = v -> false;
        assertEquals("sink/out: quarantine lifted; opening it again now", fx.engine.restart("out"));
        Wait.until("running, " + fx.flow("f"), () -> fx.flow("f").state().equals("running"));
        Wait.until("it takes events again", () -> !sink.values.isEmpty());
    }

    @Test
    public void weirRestartRestartsARunningNodeAndNamesWhatItCannotFind() {
        FakeSource source = values(0, 3);
        fx.source("in", source);
        FakeSink sink = new FakeSink();
        fx.sink("in", sink);
        fx.flow("f", "source/in -> sink/in");
        Wait.until("3 acks", () -> source.acked.size() == 3);
        try {
            fx.engine.restart("in");
            fail("ambiguous");
        } catch (IllegalArgumentException e) {
            assertEquals("'in' names source/in and sink/in; say which", e.getMessage());
        }
        try {
            fx.engine.restart("nowhere");
            fail("unknown");
        } catch (IllegalArgumentException e) {
            assertEquals("no node named 'nowhere' runs in any flow; the nodes are source/in, sink/in", e.getMessage());
        }
        assertEquals("sink/in: restarted (state and un-acknowledged events handed over)", fx.engine.restart("sink/in"));
        Wait.until("reopened", () -> sink.opens.get() == 2);
        assertEquals(1, sink.closes.get());
    }

    @Test
    public void anInstanceStuckInACallIsQuarantinedAndCanBeRestartedOnlyOnceTheCallReturned() {
        CountDownLatch release = new CountDownLatch(1);
        FakeSink stuck = new FakeSink() {
            @Override
            public void write(SinkEvent event) throws Exception {
                if (event.event().value().equals(2L)) {
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            // deaf to interrupts
                        }
                    }
                }
                super.write(event);
            }
        };
        FakeSource source = values(0, 10);
        fx.source("in", source);
        fx.sink("out", stuck, "call.timeout_ms", "100");
        fx.flow("f", "source/in -> sink/out");
        try {
            // The manager reports itself abandoned first; the engine then takes the instance back as stuck.
            Wait.until("quarantined as stuck, " + fx.flow("f"), () -> {
                FlowView flow = fx.flow("f");
                return flow.state().equals("quarantined") && flow.reason().startsWith("sink/out: quarantined: the"
                        + " instance is stuck in a plugin call on thread 'weir-sink-out' and is never called again");
            });
            try {
                fx.engine.restart("sink/out");
                fail("restarted while stuck");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("sink/out is still stuck in a plugin call on"
                        + " thread 'weir-sink-out' (stuck for"));
            }
        } finally {
            release.countDown();
        }
        Wait.until("the stuck call returns", () -> fx.flow("f").reason().contains("the call has returned since"));
        assertEquals("sink/out: the stuck call returned since; the instance is closed and opened again",
                fx.engine.restart("sink/out"));
        Wait.until("everything acknowledged once, " + source.acked, () -> source.acked.size() == 10);
        assertTrue(source.failed.isEmpty());
        assertEquals("closed before it was opened again", 1, stuck.closes.get());
        assertEquals(2, stuck.opens.get());
    }
}
