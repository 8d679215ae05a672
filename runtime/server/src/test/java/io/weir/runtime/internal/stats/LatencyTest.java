package io.weir.runtime.internal.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.Test;

public class LatencyTest {
    @Test
    public void percentilesAreWithinOnePercent() {
        Latency latency = new Latency();
        for (long micros = 1; micros <= 10_000; micros++) {
            latency.record(micros * 1_000);
        }
        LatencySnapshot snapshot = latency.snapshot();
        assertEquals(10_000, snapshot.count());
        assertEquals(5_000_000, snapshot.p50(), 50_000);
        assertEquals(9_900_000, snapshot.p99(), 99_000);
        assertEquals(10_000_000, snapshot.max(), 100_000);
    }

    @Test
    public void negativeAndHugeLatenciesAreClamped() {
        Latency latency = new Latency();
        latency.record(-5);
        latency.record(Long.MAX_VALUE);
        LatencySnapshot snapshot = latency.snapshot();
        assertEquals(2, snapshot.count());
        assertEquals(0, snapshot.p50());
        assertTrue(snapshot.max() >= 3_600_000_000_000L * 99 / 100);
    }

    @Test
    public void aDeliverysLatenciesAreRecordedTogetherUpToTheCountGiven() {
        Latency latency = new Latency();
        latency.record(2_000);
        latency.recordAll(new long[] {1_000, -7, 3_000, 99_000_000}, 3);
        LatencySnapshot snapshot = latency.snapshot();
        assertEquals(4, snapshot.count());
        assertEquals(3_000, snapshot.max(), 30);
        assertEquals(1_000, snapshot.p50(), 10);
        latency.recordAll(new long[0], 0);
        assertEquals(4, latency.snapshot().count());
    }

    /** A sink's histograms stay small: 100 flows must not spend 100 MB of heap on them. */
    @Test
    public void aSinksHistogramsTakeUnder200KB() {
        long each = new Histogram(Latency.HIGHEST, Latency.DIGITS).getEstimatedFootprintInBytes();
        assertTrue(each + " bytes a histogram", Latency.HISTOGRAMS * each < 200_000);
    }
}
