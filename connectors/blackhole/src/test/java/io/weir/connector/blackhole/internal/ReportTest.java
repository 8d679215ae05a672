package io.weir.connector.blackhole.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.Test;

public class ReportTest {

    private static Report uniformMillisecond() {
        Histogram h = new Histogram(1, Measurement.HIGHEST_NANOS, 2);
        for (int us = 1; us <= 1000; us++) {
            h.recordValue(us * 1_000L);
        }
        // 1000 events of 630 bytes in one second.
        return new Report(h, 1000, 630_000, 1_000_000_000L, 7, 0);
    }

    @Test
    public void computesThroughputAndPercentiles() {
        Report r = uniformMillisecond();
        assertEquals(1000.0, r.eventsPerSecond(), 1e-9);
        assertEquals(0.63, r.megabytesPerSecond(), 1e-9);
        // Two significant digits: values within 1%.
        assertEquals(500, r.latencyMicros(50), 5);
        assertEquals(900, r.latencyMicros(90), 9);
        assertEquals(990, r.latencyMicros(99), 10);
        assertEquals(1000, r.latencyMicros(99.99), 10);
        assertEquals(1000, r.maxLatencyMicros(), 10);
    }

    @Test
    public void printsHdrHistogramsPercentileFormatThenTheSummary() {
        String text = uniformMillisecond().text("bench");
        String[] lines = text.split("\n");
        assertTrue(text, lines[0].matches("\\s+Value\\s+Percentile\\s+TotalCount\\s+1/\\(1-Percentile\\)"));
        assertTrue(text, lines[2].trim().matches("1\\.00\\d* \\d\\.\\d+\\s+1\\s+1\\.00"));
        assertTrue(text, text.contains("#[Mean    ="));
        assertTrue(text, text.contains("#[Max     =      100"));
        assertTrue(text, text.contains("Total count    =         1000]"));
        assertTrue(text, text.contains("#[Buckets ="));
        assertTrue(text, text.contains("\nThroughput   (data): 0.6 MB/s\n"));
        assertTrue(text, text.contains("\nThroughput (events): 1000.0 events/s\n"));
        assertTrue(text, text.matches("(?s).*\nLatency \\(us\\): p50=\\d+\\.\\d{3} p90=\\d+\\.\\d{3} p99=\\d+\\.\\d{3} "
                + "p99\\.9=\\d+\\.\\d{3} p99\\.99=\\d+\\.\\d{3} max=\\d+\\.\\d{3}\n.*"));
        assertTrue(text, text.contains("Blackhole bench: 1000 events, 630000 bytes of frames in 1.000 s "
                + "(ignored: 7 in warm-up, 0 after stop)"));
    }

    @Test
    public void saysSoWhenNothingWasMeasured() {
        Report r = new Report(new Histogram(1, Measurement.HIGHEST_NANOS, 2), 0, 0, 0, 3, 0);
        assertEquals("Blackhole idle: no events measured (ignored: 3 in warm-up, 0 after stop)\n",
                r.text("idle").replace(System.lineSeparator(), "\n"));
    }
}
