package io.weir.benchmarks.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class BlackholeReportTest {
    private static final String REPORT = String.join("\n",
            "       Value     Percentile TotalCount 1/(1-Percentile)",
            "",
            "        3.07 0.000000000000         15           1.00",
            "#[Mean    =        14.02, StdDeviation   =        31.77]",
            "#[Max     =      7766.02, Total count    =     48007380]",
            "#[Buckets =           35, SubBuckets     =          256]",
            "",
            "",
            "Throughput   (data): 504.1 MB/s",
            "Throughput (events): 800123.0 events/s",
            "Latency (us): p50=12.287 p90=20.479 p99=95.743 p99.9=1007.615 p99.99=2031.615 max=7766.015",
            "Blackhole bench: 48007380 events, 30244649400 bytes of frames in 60.000 s (ignored: 790112 in warm-up, 3 after stop)",
            "");

    @Test
    public void readsTheSummary() {
        BlackholeReport report = BlackholeReport.parse(REPORT);
        assertEquals(48007380, report.events());
        assertEquals(30244649400L, report.bytes());
        assertEquals(60.0, report.seconds(), 0);
        assertEquals(790115, report.ignored());
        assertEquals(800123.0, report.eventsPerSecond(), 0);
        assertEquals(504.1, report.megabytesPerSecond(), 0);
        assertEquals(0.012287, report.latencyMillis("p50"), 1e-9);
        assertEquals(1.007615, report.latencyMillis("p99.9"), 1e-9);
        assertEquals(7.766015, report.latencyMillis("max"), 1e-9);
        assertTrue(Double.isNaN(report.latencyMillis("p42")));
    }

    @Test
    public void readsAReportWithoutEvents() {
        BlackholeReport report = BlackholeReport.parse(
                "Blackhole errors: no events measured (ignored: 2 in warm-up, 5 after stop)\n");
        assertEquals(0, report.events());
        assertEquals(7, report.ignored());
    }

    @Test
    public void refusesSomethingElse() {
        try {
            BlackholeReport.parse("Throughput (events): 1 events/s\n");
            throw new AssertionError("should have been refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("summary line"));
        }
    }
}
