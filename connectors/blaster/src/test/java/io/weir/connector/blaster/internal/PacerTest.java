package io.weir.connector.blaster.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PacerTest {
    private static final long MS = 1_000_000L;

    @Test
    public void releasesRecordsAsTheyFallDue() {
        Pacer pacer = new Pacer(1000); // one per millisecond
        assertEquals("the first is due at once", 1, pacer.permits(0, 100));
        pacer.emitted(1);
        assertEquals(0, pacer.permits(MS / 2, 100));
        assertEquals(MS / 2, pacer.nanosUntilNext(MS / 2));
        // 10.5 ms after the start, records 1..10 are due.
        assertEquals(10, pacer.permits(10 * MS + MS / 2, 100));
        pacer.emitted(10);
        assertEquals(0, pacer.permits(10 * MS + MS / 2, 100));
    }

    @Test
    public void respectsTheCallersMaximum() {
        Pacer pacer = new Pacer(1_000_000);
        pacer.permits(0, 8);
        assertEquals(8, pacer.permits(50 * MS, 8));
    }

    @Test
    public void averagesExactlyOverTime() {
        Pacer pacer = new Pacer(300_000);
        long emitted = 0;
        for (long now = 0; now <= 1_000 * MS; now += 57_123) {
            int n = pacer.permits(now, 1 << 20);
            pacer.emitted(n);
            emitted += n;
        }
        assertTrue("emitted " + emitted, Math.abs(emitted - 300_000) <= 20);
    }

    @Test
    public void restartsInsteadOfBurstingAfterAGap() {
        Pacer pacer = new Pacer(1000);
        pacer.emitted(pacer.permits(0, 100));
        // Paused for five seconds: one record now, not five thousand.
        assertEquals(1, pacer.permits(5_000 * MS, 10_000));
        pacer.emitted(1);
        assertEquals(0, pacer.permits(5_000 * MS, 10_000));
    }

    @Test
    public void catchesUpASmallLag() {
        Pacer pacer = new Pacer(1000);
        pacer.emitted(pacer.permits(0, 100));
        assertEquals(50, pacer.permits(50 * MS, 1000));
    }
}
