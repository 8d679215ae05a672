package io.weir.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class NodeStatsTest {

    private static final String STATS = """
            source/app  running
              in 120  out 117  err 3  dropped 0  acked 118  failed 2  connector errors 7
              ports: out 117 err 3
              connector errors: bad_request 5 oversize 2
              last error: oversize: 413 to 127.0.0.1:4000: body larger than max_body_bytes (16)
            pipeline/main  running
              in 117  out 117  err 0  dropped 0  queued 0/1024
              node stamp: in 117 out 117
            sink/out  failed
              in 110  out 100  err 10  dropped 0  queued 7/1024  failures in a row 3
              latency (ingest to ack, 100 events): p50 1.000 ms  p90 2.000 ms  p99 3.000 ms  p99.9 3.000 ms  max 4.000 ms
              last error: open failed: java.io.IOException: in 5 out 6
            """;

    @Test
    public void readsStateAndCountersOfEveryNode() {
        Map<String, NodeStats.Node> nodes = NodeStats.parse(STATS);

        assertEquals(List.of("source/app", "pipeline/main", "sink/out"), List.copyOf(nodes.keySet()));
        assertEquals(new NodeStats.Node("source/app", "running", 120, 117, 3, 0, 118, 2, 0,
                Map.of("bad_request", 5L, "oversize", 2L)), nodes.get("source/app"));
        assertEquals(2, nodes.get("source/app").errors("oversize"));
        assertEquals(0, nodes.get("source/app").errors("tls"));
        assertEquals(new NodeStats.Node("sink/out", "failed", 110, 100, 10, 0, 0, 0, 7), nodes.get("sink/out"));
        assertEquals(0, nodes.get("pipeline/main").acked());
        assertEquals(Map.of(), nodes.get("sink/out").errors());
    }

    @Test
    public void aNodeWithoutCountersIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> NodeStats.parse("source/app  running\n"));
    }

    @Test
    public void nothingRunningMeansNoNodes() {
        assertEquals(Map.of(), NodeStats.parse("Nothing runs: no flow links any node.\n"));
    }
}
