package io.weir.example.internal.sequence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SequenceSettingsTest {

    @Test
    public void rateOutOfRangeIsRejectedByName() {
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, SequenceSettings.MAX_RATE + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SequenceSettings.of(rate, 0, "a.cfg"));
            assertTrue(e.getMessage(), e.getMessage().startsWith("a.cfg: rate must be above 0"));
            assertTrue(e.getMessage(), e.getMessage().endsWith("was " + rate));
        }
    }

    @Test
    public void negativeLimitIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SequenceSettings.of(1, -3, "a.cfg"));

        assertEquals("a.cfg: limit must be 0 (no end) or a positive count, was -3", e.getMessage());
    }

    @Test
    public void periodFollowsTheRate() {
        assertEquals(100_000_000L, SequenceSettings.of(10, 0, "a.cfg").periodNanos());
        assertEquals(1_000L, SequenceSettings.of(SequenceSettings.MAX_RATE, 0, "a.cfg").periodNanos());
        assertEquals(3_000_000_000L, SequenceSettings.of(1.0 / 3, 0, "a.cfg").periodNanos());
    }
}
