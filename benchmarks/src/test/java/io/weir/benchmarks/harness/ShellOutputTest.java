package io.weir.benchmarks.harness;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Test;

/** Against the shapes FlowReport prints for weir:flows and weir:stats. */
public class ShellOutputTest {
    private static final String FLOWS = String.join("\n",
            "flow replay_0  RUNNING  (etc/weir.flow-replay_0.cfg)",
            "  Benchmark pass-through: blaster into blackhole",
            "  source/replay_0  blaster     running   in 5  out 5  err 0  dropped 0  acked 5  failed 0",
            "",
            "flow replay_1  WAITING  (etc/weir.flow-replay_1.cfg)",
            "  why: sink/measure_1 is starting",
            "",
            "flow replay_2  RUNNING  (etc/weir.flow-replay_2.cfg)",
            "");

    private static final String STATS = String.join("\n",
            "source/replay_0  running",
            "  in 1200  out 1200  err 0  dropped 0  acked 1100  failed 0",
            "sink/errors  running",
            "  in 7  out 7  err 0  dropped 0",
            "sink/measure_0  running",
            "  in 1000  out 990  err 0  dropped 0  queued 10/1024",
            "  latency (ingest to ack, 990 events): p50 0.100 ms  p90 0.200 ms  p99 0.300 ms  p99.9 0.400 ms  max 1.000 ms",
            "sink/measure_1  running",
            "  in 234  out 234  err 0  dropped 0",
            "");

    @Test
    public void readsEachFlowsState() {
        assertEquals(Map.of("replay_0", "RUNNING", "replay_1", "WAITING", "replay_2", "RUNNING"),
                ShellOutput.flowStates(FLOWS));
        assertEquals(List.of("replay_0", "replay_1", "replay_2"), List.copyOf(ShellOutput.flowStates(FLOWS).keySet()));
        assertEquals(Map.of(), ShellOutput.flowStates("No flows are configured.\n"));
    }

    @Test
    public void sumsTheInCountersOfTheNamedSinks() {
        assertEquals(1234, ShellOutput.sumIn(STATS, "sink/measure"));
        assertEquals(7, ShellOutput.sumIn(STATS, "sink/errors"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void noSuchNodeIsAnError() {
        ShellOutput.sumIn(STATS, "sink/nothing");
    }

    /** The shape SwapReport prints for weir:swaps. */
    private static final String SWAPS = String.join("\n",
            "Swaps (3 remembered, newest first; pause to resume: median 16.5 ms, max 71.9 ms):",
            "  WHEN                     NODE      PLUGIN      FROM -> TO                                          PAUSE     REPLAYED  HANDED OVER  OUTCOME",
            "  2026-11-22 11:16:37.801  sink/out  sink 'out'  io.weir.connector.file 1.0.0.SNAPSHOT-swap001 -> 1.0.0.SNAPSHOT-swap002  71.9 ms   8         0            resumed",
            "  2026-11-22 11:16:37.657  sink/out  sink 'out'  io.weir.connector.file 1.0.0.SNAPSHOT -> 1.0.0.SNAPSHOT-swap001  16.5 ms   0         0            resumed",
            "  2026-11-22 11:16:30.000  sink/x    sink 'x'    a.b 1.0.0 -> (none)                                  -         0         0            timed out",
            "      no new version came within 30000 ms",
            "");

    @Test
    public void readsTheSwapHistory() {
        List<ShellOutput.SwapRow> rows = ShellOutput.swaps(SWAPS, java.time.ZoneOffset.UTC);
        assertEquals(3, rows.size());
        ShellOutput.SwapRow newest = rows.get(0);
        assertEquals(java.time.Instant.parse("2026-11-22T11:16:37.801Z").toEpochMilli(), newest.startedMillis());
        assertEquals("sink/out", newest.node());
        assertEquals("1.0.0.SNAPSHOT-swap002", newest.toVersion());
        assertEquals(71.9, newest.pauseMillis(), 1e-9);
        assertEquals(8, newest.replayed());
        assertEquals("resumed", newest.outcome());
        assertEquals(newest.startedMillis() + 71.9, newest.resumedMillis(), 1e-9);
        ShellOutput.SwapRow timedOut = rows.get(2);
        assertEquals("(none)", timedOut.toVersion());
        assertEquals(true, Double.isNaN(timedOut.pauseMillis()));
        assertEquals("timed out", timedOut.outcome());
        assertEquals(List.of(), ShellOutput.swaps("No plugin was swapped yet.\n", java.time.ZoneOffset.UTC));
    }
}
