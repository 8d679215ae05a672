package io.weir.runtime.internal.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.stats.CounterSnapshot;
import io.weir.runtime.internal.stats.LatencySnapshot;

import org.junit.Test;

public class FlowReportTest {

    private static NodeView node(String label, String type, NodeState state, String reason) {
        return new NodeView(label, type, state, reason, null, null, new CounterSnapshot(5, 4, 1, 0, 0, 0,
                new java.util.TreeMap<>(Map.of("out", 4L, "err", 1L))), label.startsWith("sink") ? new LatencySnapshot(4, 1_000_000, 2_000_000,
                3_000_000, 3_500_000, 4_000_000) : null, label.startsWith("source") ? null
                        : new QueueView(2, 1024, 1500, 262144), 0, null, Map.of());
    }

    @Test
    public void showsStateReasonCountersAndLinks() {
        FlowView flow = new FlowView("hello", "etc/weir.flow-hello.cfg", "ticks to the console", "waiting",
                "sink/console is not registered", null, List.of("source/ticks.out -> sink/console.in"),
                List.of(node("source/ticks", "metronome", NodeState.WAITING, "sink/console is not registered"),
                        node("sink/console", null, NodeState.WAITING, "is not registered")), List.of());
        String text = FlowReport.flows(List.of(flow));
        assertEquals("flow hello  WAITING  (etc/weir.flow-hello.cfg)\n"
                + "  ticks to the console\n"
                + "  why: sink/console is not registered\n"
                + "  source/ticks  metronome   waiting   in 5  out 4  err 1  dropped 0\n"
                + "                sink/console is not registered\n"
                + "  sink/console  -           waiting   in 5  out 4  err 1  dropped 0  queued 2/1024 (2/256 KiB)  p99 3.000 ms\n"
                + "                is not registered\n"
                + "  links: source/ticks.out -> sink/console.in\n\n", text);
    }

    @Test
    public void statsShowPortsAndLatencyPercentiles() {
        String text = FlowReport.stats(List.of(node("sink/console", "stdio", NodeState.RUNNING, null)));
        assertTrue(text, text.contains("latency (ingest to ack, 4 events): p50 1.000 ms  p90 2.000 ms  p99 3.000 ms"
                + "  p99.9 3.500 ms  max 4.000 ms"));
        assertTrue(text, text.contains("ports: err 1 out 4"));
    }

    @Test
    public void connectorErrorsShowTheirTotalInFlowsAndEachKindInStats() {
        NodeView source = new NodeView("source/in", "udp_server", NodeState.RUNNING, null, null, null,
                new CounterSnapshot(7, 7, 0, 0, 0, 0, 0, Map.of(), new java.util.TreeMap<>(Map.of("oversize", 3L,
                        "bad_request", 2L))), null, null, 0, "oversize: datagram of 300 bytes", Map.of());
        FlowView flow = new FlowView("f", null, null, "running", null, null, List.of(), List.of(source), List.of());

        String flows = FlowReport.flows(List.of(flow));
        assertTrue(flows, flows.contains("  source/in  udp_server  running   in 7  out 7  err 0  dropped 0"
                + "  connector errors 5\n"));
        String stats = FlowReport.stats(List.of(source));
        assertEquals("source/in  running\n"
                + "  in 7  out 7  err 0  dropped 0  connector errors 5\n"
                + "  connector errors: bad_request 2 oversize 3\n"
                + "  last error: oversize: datagram of 300 bytes\n", stats);
    }

    @Test
    public void connectorsShowWhereARunningSourceListens() {
        String text = FlowReport.connectors(List.of(), List.of(new InstanceView("source", "api", "http_server",
                "io.weir.connector.http 1.1.0", "etc/weir.source.http_server-api.cfg", List.of("api"), null,
                "http://127.0.0.1:40123/ingest")), Map.of());
        assertTrue(text, text.contains("  source/api  http_server  io.weir.connector.http 1.1.0"
                + "  etc/weir.source.http_server-api.cfg  at http://127.0.0.1:40123/ingest  flows: api\n"));
    }

    @Test
    public void withoutConnectorErrorsNothingIsAdded() {
        String stats = FlowReport.stats(List.of(node("source/ticks", "metronome", NodeState.RUNNING, null)));
        assertTrue(stats, !stats.contains("connector errors"));
    }

    @Test
    public void connectorsListTypesInstancesAndPlugins() {
        String text = FlowReport.connectors(List.of(new ConnectorType("source", "metronome",
                "io.weir.connector.metronome 1.0.0", "weir.source.metronome")),
                List.of(new InstanceView("source", "ticks", "metronome", "io.weir.connector.metronome 1.0.0",
                        "etc/weir.source.metronome-ticks.cfg", List.of("hello"), null)),
                Map.of(PluginKind.CODEC, List.of("json (io.weir.pipeline 1.0.0)")));
        assertEquals("Connector types\n"
                + "  source  metronome  io.weir.connector.metronome 1.0.0  configure:"
                + " etc/weir.source.metronome-<instance>.cfg\n"
                + "Instances\n"
                + "  source/ticks  metronome  io.weir.connector.metronome 1.0.0  etc/weir.source.metronome-ticks.cfg"
                + "  flows: hello\n"
                + "Codecs: json (io.weir.pipeline 1.0.0)\n", text);
    }
}
