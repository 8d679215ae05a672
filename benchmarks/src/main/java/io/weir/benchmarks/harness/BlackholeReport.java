package io.weir.benchmarks.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary of a blackhole sink's report (see {@code docs/connectors.md}): throughput, latency
 * percentiles in microseconds, and the counts.
 *
 * @param events            events measured
 * @param bytes             bytes of frames measured
 * @param seconds           the measurement window
 * @param ignored           events outside the window (warm-up and after the stop)
 * @param eventsPerSecond   events per second over the window
 * @param megabytesPerSecond MB (10^6 bytes) per second over the window
 * @param latencyMicros     {@code p50}, {@code p90}, {@code p99}, {@code p99.9}, {@code p99.99} and {@code max}
 */
record BlackholeReport(long events, long bytes, double seconds, long ignored, double eventsPerSecond,
        double megabytesPerSecond, Map<String, Double> latencyMicros) {

    private static final Pattern NONE = Pattern.compile(
            "^Blackhole \\S+: no events measured \\(ignored: (\\d+) in warm-up, (\\d+) after stop\\)", Pattern.MULTILINE);
    private static final Pattern SUMMARY = Pattern.compile("^Blackhole \\S+: (\\d+) events, (\\d+) bytes of frames in "
            + "([0-9.]+) s \\(ignored: (\\d+) in warm-up, (\\d+) after stop\\)", Pattern.MULTILINE);
    private static final Pattern DATA = Pattern.compile("^Throughput +\\(data\\): (\\S+) MB/s", Pattern.MULTILINE);
    private static final Pattern EVENTS = Pattern.compile("^Throughput \\(events\\): (\\S+) events/s", Pattern.MULTILINE);
    private static final Pattern LATENCY = Pattern.compile("^Latency \\(us\\):(.*)$", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("(p[0-9.]+|max)=([0-9.]+)");

    /**
     * @param text the report
     * @return its summary
     * @throws IllegalArgumentException when the text is not a blackhole report
     */
    static BlackholeReport parse(String text) {
        Matcher none = NONE.matcher(text);
        if (none.find()) {
            return new BlackholeReport(0, 0, 0, Long.parseLong(none.group(1)) + Long.parseLong(none.group(2)), 0, 0,
                    Map.of());
        }
        Matcher summary = find(SUMMARY, text, "the summary line 'Blackhole <name>: <n> events, ...'");
        Map<String, Double> latency = new HashMap<>();
        Matcher percentiles = PERCENTILE.matcher(find(LATENCY, text, "the line 'Latency (us): ...'").group(1));
        while (percentiles.find()) {
            latency.put(percentiles.group(1), Double.parseDouble(percentiles.group(2)));
        }
        return new BlackholeReport(Long.parseLong(summary.group(1)), Long.parseLong(summary.group(2)),
                Double.parseDouble(summary.group(3)), Long.parseLong(summary.group(4)) + Long.parseLong(summary.group(5)),
                number(find(EVENTS, text, "the line 'Throughput (events): ...'").group(1)),
                number(find(DATA, text, "the line 'Throughput   (data): ...'").group(1)), Map.copyOf(latency));
    }

    /**
     * @param key {@code p50}, {@code p99}, {@code p99.9}, {@code max}...
     * @return the latency in milliseconds, NaN when the report has none
     */
    double latencyMillis(String key) {
        Double micros = latencyMicros.get(key);
        return micros == null ? Double.NaN : micros / 1000;
    }

    private static Matcher find(Pattern pattern, String text, String what) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("not a blackhole report: no " + what);
        }
        return m;
    }

    private static double number(String text) {
        return "n/a".equals(text) ? Double.NaN : Double.parseDouble(text);
    }
}
