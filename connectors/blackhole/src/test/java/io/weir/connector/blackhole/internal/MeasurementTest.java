package io.weir.connector.blackhole.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class MeasurementTest {
    private static final long S = 1_000_000_000L;
    private static final long US = 1_000L;

    @Test
    public void measuresFromTheFirstEventToTheLastWithoutAStopTime() {
        Measurement m = new Measurement(0, 0, 2);
        assertFalse(m.started());
        assertEquals(Long.MAX_VALUE, m.stopAt());
        m.record(10 * S, 100 * US, 1, 100);
        m.record(11 * S, 200 * US, 1, 100);
        m.record(12 * S, 300 * US, 1, 100);
        assertTrue(m.started());
        assertEquals(Long.MAX_VALUE, m.stopAt());
        Report r = m.report(99 * S);
        assertEquals(3, r.events());
        assertEquals("3 events over 2 s", 1.5, r.eventsPerSecond(), 1e-9);
        assertEquals(300 / 2e6, r.megabytesPerSecond(), 1e-12);
    }

    @Test
    public void ignoresTheWarmupAndWhatComesAfterTheStop() {
        Measurement m = new Measurement(2 * S, 10 * S, 2);
        m.record(100 * S, 5 * US, 1, 10);            // opens the warm-up, ignored
        m.record(101 * S, 5 * US, 3, 10);            // a batch of three, ignored
        assertEquals(112 * S, m.stopAt());
        m.record(102 * S, 50 * US, 1, 10);           // first measured
        m.record(111 * S, 50 * US, 2, 20);           // a batch of two
        m.record(112 * S, 50 * US, 1, 10);           // the window is closed
        Report r = m.report(112 * S);
        assertEquals(3, r.events());
        assertEquals("the window lasts stop_after_s", 0.3, r.eventsPerSecond(), 1e-9);
        assertEquals(3e-6, r.megabytesPerSecond(), 1e-12);
        assertEquals(50, r.latencyMicros(50), 0.5);
        String text = r.text("bh");
        assertTrue(text, text.contains("ignored: 4 in warm-up, 1 after stop"));
    }

    @Test
    public void clampsLatenciesOutsideTheHistogramRange() {
        Measurement m = new Measurement(0, 0, 2);
        m.record(0, -5, 1, 0);
        m.record(S, Long.MAX_VALUE, 1, 0);
        Report r = m.report(S);
        assertEquals(2, r.events());
        assertEquals(Measurement.HIGHEST_NANOS / 1e3, r.maxLatencyMicros(), Measurement.HIGHEST_NANOS / 1e3 / 100);
    }

    @Test
    public void aSingleEventHasNoThroughput() {
        Measurement m = new Measurement(0, 0, 2);
        m.record(S, US, 1, 10);
        Report r = m.report(2 * S);
        assertTrue(Double.isNaN(r.eventsPerSecond()));
        assertTrue(r.text("bh"), r.text("bh").contains("Throughput (events): n/a"));
    }
}
