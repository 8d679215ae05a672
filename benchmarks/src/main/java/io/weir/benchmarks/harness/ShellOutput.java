package io.weir.benchmarks.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the harness needs from the output of the shell commands {@code weir:flows} and {@code weir:stats}. */
final class ShellOutput {
    private static final Pattern FLOW = Pattern.compile("^flow (\\S+)  ([A-Z]+)");
    private static final Pattern IN = Pattern.compile("^  in (\\d+) ");

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
}
