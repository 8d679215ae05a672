package io.weir.runtime.internal.swap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class SwapReportTest {
    private static final long MS = 1_000_000L;

    @Test
    public void theHistoryIsATableWithTheMedianAndMaximumPause() {
        List<SwapRecord> history = List.of(
                new SwapRecord(1_700_000_002_000L, "sink/out", "sink 'out'", "acme.out 1.0.1", "acme.out 1.0.2",
                        30 * MS, 8, 0, SwapRecord.Outcome.RESUMED, null),
                new SwapRecord(1_700_000_001_000L, "source/in", "source 'in'", "acme.in 1.0.0", null, -1, 0, 0,
                        SwapRecord.Outcome.TIMED_OUT, "no new version within 30000 ms; the node waits for one"),
                new SwapRecord(1_700_000_000_000L, "sink/out", "sink 'out'", "acme.out 1.0.0", "other 1.0.1",
                        10 * MS, 0, 5, SwapRecord.Outcome.RESUMED, null));
        String text = SwapReport.render(history, 7, Map.of(), 0, ZoneOffset.UTC);
        assertEquals("Swaps (3 remembered of 7, newest first; pause to resume: median 30.0 ms, max 30.0 ms):\n"
                + "  WHEN                     NODE       PLUGIN       FROM -> TO                     PAUSE    "
                + "REPLAYED  HANDED OVER  OUTCOME\n"
                + "  2023-11-14 22:13:22.000  sink/out   sink 'out'   acme.out 1.0.1 -> 1.0.2        30.0 ms  8"
                + "         0            resumed\n"
                + "  2023-11-14 22:13:21.000  source/in  source 'in'  acme.in 1.0.0 -> (none)        -        0"
                + "         0            timed out\n"
                + "      no new version within 30000 ms; the node waits for one\n"
                + "  2023-11-14 22:13:20.000  sink/out   sink 'out'   acme.out 1.0.0 -> other 1.0.1  10.0 ms  0"
                + "         5            resumed\n", text);
    }

    @Test
    public void swapsInProgressComeFirstAndALimitShortensTheTable() {
        List<SwapRecord> history = List.of(
                new SwapRecord(0, "sink/a", "sink 'a'", "x 1", "x 2", MS, 0, 0, SwapRecord.Outcome.RESUMED, null),
                new SwapRecord(0, "sink/b", "sink 'b'", "x 1", "x 2", MS, 0, 0, SwapRecord.Outcome.RESUMED, null));
        String text = SwapReport.render(history, 2, Map.of("sink/c", "is being replaced: ..."), 1, ZoneOffset.UTC);
        assertTrue(text, text.startsWith("In progress (1):\n  sink/c  is being replaced: ...\nSwaps (2 remembered,"));
        assertTrue(text, text.contains("sink/a"));
        assertTrue(text, !text.contains("sink/b"));
        assertTrue(text, text.endsWith("  (1 older not shown)\n"));
    }

    @Test
    public void anEmptyHistorySaysHowASwapHappens() {
        assertTrue(SwapReport.render(List.of(), 0, Map.of(), 0, ZoneOffset.UTC)
                .startsWith("No plugin was swapped yet."));
    }
}
