package io.weir.benchmarks.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ResultTableTest {
    private static Measurement run(double eventsPerSecond, double rss, boolean verified) {
        Measurement m = new Measurement().put(Metric.EVENTS_PER_S, eventsPerSecond).put(Metric.PEAK_RSS_MB, rss);
        if (!verified) {
            m.problem("3 events missing");
        }
        return m;
    }

    @Test
    public void mediansLeaveUnverifiedRunsOutAndRatiosCompareTheBuilds() {
        Map<String, List<Measurement>> results = new LinkedHashMap<>();
        results.put("A", List.of(run(100, 50, true), run(300, 70, true), run(200, 60, true)));
        results.put("B", List.of(run(400, 80, true), run(9_999, 1, false), run(600, Double.NaN, true)));
        String table = ResultTable.render(new TcpJsonScenario(), results);
        List<String> lines = table.lines().toList();
        assertEquals(4, lines.size());
        assertTrue(table, lines.get(0).contains("events/s") && lines.get(0).contains("peak RSS MB")
                && lines.get(0).endsWith("verified"));
        assertTrue(table, lines.get(1).matches("\\s+A median\\s+200(\\s+-){4}\\s+60\\s+3/3"));
        assertTrue(table, lines.get(2).matches("\\s+B median\\s+500(\\s+-){4}\\s+80\\s+2/3"));
        assertTrue(table, lines.get(3).matches("\\s+B/A\\s+2\\.500(\\s+-){4}\\s+1\\.333\\s*"));
    }

    @Test
    public void oneLineMarksAnUnverifiedRun() {
        assertEquals("events/s 1,234, peak RSS MB 50  [NOT VERIFIED]",
                ResultTable.oneLine(new TcpJsonScenario(), run(1234, 50, false)));
        assertEquals("no figures", ResultTable.oneLine(new TcpJsonScenario(), new Measurement()));
    }
}
