package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.LineCodec;
import io.weir.runtime.internal.testing.Options;
import io.weir.runtime.internal.testing.SplitLines;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

/**
 * What a source reports about itself: errors through {@code SourceContext.error} (counted per kind, shown, never
 * fatal) and where it listens through {@code SourceContext.endpoint} (shown while it is open).
 */
public class ConnectorErrorsTest {
    private final Rig rig = new Rig();
    private final LineCodec codec = new LineCodec();

    @After
    public void stop() {
        rig.close();
    }

    private ManagerOptions lines() {
        return Options.withCodec("lines", List.of(new ManagerOptions.ProcessorOption("split", Map.of())));
    }

    @Test
    public void reportsFromAnyThreadAreCountedPerKindAndTheSourceGoesOn() throws Exception {
        SinkSlot out = rig.sinkSlot("out", lines());
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, lines(), codec, List.of());
        FakeSource source = new FakeSource().data(1, 2, "a\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager manager = rig.source(in, source, lines(), codec,
                List.of(new ProcessorStep("split", new SplitLines(), Map.of())));
        Wait.until("the first event", () -> sink.values.size() == 1);

        // A network thread of the source, not the manager's.
        Thread io = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                source.context.error("oversize", "datagram " + i + " longer than max_datagram (256 bytes)");
            }
            source.context.error("Bad Request", "malformed request line\nfrom 127.0.0.1:4000");
        });
        io.start();
        io.join(10_000);
        source.data(1, 4, "b\n");

        Wait.until("the next event", () -> sink.values.size() == 2);
        assertEquals(List.of("a", "b"), sink.values);
        assertEquals(Map.of("oversize", 500L, "bad_request", 1L), in.counters().errorKinds().counts());
        assertEquals(Map.of("bad_request", 1L, "oversize", 500L), in.counters().snapshot().errors());
        assertEquals(501, in.counters().snapshot().connectorErrors());
        assertEquals("the reports are not events", 0, in.counters().err.sum());
        assertEquals("bad_request: malformed request line from 127.0.0.1:4000", manager.lastError());
        assertEquals(NodeState.RUNNING, manager.state());
        assertEquals("reports neither close nor reopen the source", 1, source.opens.get());
        assertTrue(manager.failures() == 0);
    }

    @Test
    public void theCountsOutliveTheManagerAsTheOtherCountersDo() {
        SinkSlot out = rig.sinkSlot("out", lines());
        rig.sink(out, new FakeSink(), lines(), codec, List.of());
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        FakeSource first = new FakeSource();
        SourceManager manager = rig.source(in, first, lines(), codec, List.of());
        Wait.until("the first source opens", () -> first.context != null);
        first.context.error("tls", "handshake failed");
        manager.stop(5_000);

        FakeSource second = new FakeSource();
        rig.source(in, second, lines(), codec, List.of());
        Wait.until("the second source opens", () -> second.context != null);
        second.context.error("tls", null);

        assertEquals(Map.of("tls", 2L), in.counters().errorKinds().counts());
    }

    @Test
    public void theEndpointIsShownWhileTheInstanceIsOpen() {
        SinkSlot out = rig.sinkSlot("out", lines());
        rig.sink(out, new FakeSink(), lines(), codec, List.of());
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        FakeSource source = new FakeSource();
        SourceManager manager = rig.source(in, source, lines(), codec, List.of());
        Wait.until("the source opens", () -> source.context != null);
        assertEquals(null, manager.endpoint());
        source.context.endpoint("tcp://127.0.0.1:40123");
        assertEquals("tcp://127.0.0.1:40123", manager.endpoint());

        // A failure closes the instance: it no longer listens until it says so again.
        source.pullFailure = n -> n < 1_000_000 ? new java.io.IOException("broken") : null;
        Wait.until("the failed instance closed", () -> source.closes.get() >= 1);
        Wait.until("its endpoint forgotten", () -> manager.endpoint() == null);
        source.pullFailure = n -> null;
        manager.stop(5_000);
        assertEquals(null, manager.endpoint());
    }
}
