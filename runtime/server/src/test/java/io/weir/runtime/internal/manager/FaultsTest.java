package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class FaultsTest {
    private static final long MS = 1_000_000L;
    private final Faults faults = new Faults();

    @Test
    public void failuresWithinTheWindowQuarantine() {
        FaultLimits limits = new FaultLimits(1_000, 3, 1_000);
        assertNull(faults.failed(0, limits, "write failed: a"));
        assertNull(faults.failed(400 * MS, limits, "write failed: b"));
        assertEquals("3 failures within 1000 ms, the last: write failed: c", faults.failed(900 * MS, limits,
                "write failed: c"));
        assertEquals("3 failures within 1000 ms, the last: write failed: c", faults.quarantined());
        assertNull("quarantined once", faults.failed(950 * MS, limits, "write failed: d"));
        assertEquals(4, faults.total());
    }

    @Test
    public void failuresSpreadWiderThanTheWindowDoNot() {
        FaultLimits limits = new FaultLimits(1_000, 3, 1_000);
        for (int i = 0; i < 10; i++) {
            assertNull(faults.failed(i * 600 * MS, limits, "pull failed"));
        }
        assertNull(faults.quarantined());
    }

    @Test
    public void zeroNeverQuarantinesAndClearingStartsAfresh() {
        for (int i = 0; i < 100; i++) {
            assertNull(faults.failed(i, new FaultLimits(1_000, 0, 60_000), "x"));
        }
        FaultLimits two = new FaultLimits(1_000, 2, 60_000);
        faults.failed(0, two, "a");
        faults.failed(1, two, "b");
        faults.clear();
        assertNull(faults.quarantined());
        assertNull("the failures before the clear are forgotten", faults.failed(2, two, "c"));
        assertEquals("stuck", faults.quarantine("stuck"));
        assertEquals("stuck", faults.quarantined());
    }
}
