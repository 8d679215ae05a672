package io.weir.benchmarks.harness;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the harness needs from the output of the shell commands {@code weir:flows} and {@code weir:stats}. */
final class ShellOutput {
    private static final Pattern FLOW = Pattern.compile("^flow (\\S+)  ([A-Z]+)");
    private static final Pattern IN = Pattern.compile("^  in (\\d+) ");
    private static final Pattern SWAP_ROW = Pattern.compile("^\\s+(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3})  (.*)$");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    /**
     * One row of {@code weir:swaps}.
     *
     * @param startedMillis when the old version went (epoch milliseconds)
     * @param node          the node held, such as {@code sink/out}
     * @param toVersion     the new bundle version, or {@code (none)}
     * @param pauseMillis   the pause to resume, NaN when there was none
     * @param replayed      events replayed to the new version
     * @param outcome       {@code resumed}, {@code failed}, {@code timed out} or {@code cancelled}
     */
    record SwapRow(long startedMillis, String node, String toVersion, double pauseMillis, long replayed, String outcome) {
        /** @return when the new version resumed (epoch milliseconds), NaN when it did not */
        double resumedMillis() {
            return startedMillis + pauseMillis;
        }
    }

    private ShellOutput() {
    }

    /**
     * @param flows the output of {@code weir:flows}
     * @return each flow's state as printed ({@code RUNNING}, {@code PAUSED}, {@code WAITING}...), in order
     */
    static Map<String, String> flowStates(String flows) {
        Map<String, String> states = new LinkedHashMap<>();
        flows.lines().map(FLOW::matcher).filter(Matcher::find).forEach(m -> states.put(m.group(1), m.group(2)));
        return states;
    }

    /**
     * @param stats       the output of {@code weir:stats}
     * @param labelPrefix nodes whose label starts with this, such as {@code sink/measure}
     * @return the sum of their {@code in} counters
     * @throws IllegalArgumentException when no such node is listed with a counter
     */
    static long sumIn(String stats, String labelPrefix) {
        List<String> lines = stats.lines().toList();
        long sum = 0;
        int nodes = 0;
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(labelPrefix)) {
                Matcher in = IN.matcher(lines.get(i + 1));
                if (in.find()) {
                    sum += Long.parseLong(in.group(1));
                    nodes++;
                }
            }
        }
        if (nodes == 0) {
            throw new IllegalArgumentException("weir:stats lists no node " + labelPrefix + "* with counters");
        }
        return sum;
    }

    /**
     * @param swaps the output of {@code weir:swaps}
     * @param zone  the server's time zone, which its timestamps are in
     * @return the rows, newest first as listed
     * @throws IllegalArgumentException when a row does not have the expected columns
     */
    static List<SwapRow> swaps(String swaps, ZoneId zone) {
        List<SwapRow> rows = new ArrayList<>();
        for (String line : swaps.lines().toList()) {
            Matcher row = SWAP_ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            // WHEN, then NODE, PLUGIN, FROM -> TO, PAUSE, REPLAYED, HANDED OVER, OUTCOME: two spaces or more apart.
            String[] cells = row.group(2).trim().split("\\s{2,}");
            if (cells.length != 7) {
                throw new IllegalArgumentException("not a weir:swaps row: " + line);
            }
            String versions = cells[2];
            String to = versions.substring(versions.lastIndexOf(' ') + 1);
            double pause = cells[3].equals("-") ? Double.NaN : Double.parseDouble(cells[3].replace(" ms", ""));
            long started = LocalDateTime.parse(row.group(1), WHEN).atZone(zone).toInstant().toEpochMilli();
            rows.add(new SwapRow(started, cells[0], to, pause, Long.parseLong(cells[4]), cells[6]));
        }
        return rows;
    }
}
