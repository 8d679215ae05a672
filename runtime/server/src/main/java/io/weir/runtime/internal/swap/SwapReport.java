package io.weir.runtime.internal.swap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.weir.runtime.internal.diag.TextTable;

/** Renders the swap history and the swaps in progress for {@code weir:swaps}. */
public final class SwapReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private SwapReport() {
    }

    /**
     * @param history    finished swaps, newest first
     * @param total      how many swaps finished since the server started
     * @param inProgress node to what it waits for
     * @param limit      show at most this many of the history; 0 or less shows all
     * @param zone       the time zone of the timestamps
     * @return the report
     */
    public static String render(List<SwapRecord> history, long total, Map<String, String> inProgress, int limit,
            ZoneId zone) {
        StringBuilder out = new StringBuilder();
        if (!inProgress.isEmpty()) {
            out.append("In progress (").append(inProgress.size()).append("):\n");
            inProgress.forEach((node, what) -> out.append("  ").append(node).append("  ").append(what).append('\n'));
        }
        if (history.isEmpty()) {
            out.append("No plugin was swapped yet. A swap happens when a newer jar of a plugin replaces the old one"
                    + " in deploy/ (move it in over the old one).\n");
            return out.toString();
        }
        List<Long> pauses = new ArrayList<>();
        for (SwapRecord record : history) {
            if (record.outcome() == SwapRecord.Outcome.RESUMED) {
                pauses.add(record.pauseNanos());
            }
        }
        out.append("Swaps (").append(history.size()).append(" remembered");
        if (total > history.size()) {
            out.append(" of ").append(total);
        }
        out.append(", newest first");
        if (!pauses.isEmpty()) {
            Collections.sort(pauses);
            out.append("; pause to resume: median ").append(millis(pauses.get(pauses.size() / 2))).append(", max ")
                    .append(millis(pauses.get(pauses.size() - 1)));
        }
        out.append("):\n");
        TextTable table = new TextTable("WHEN", "NODE", "PLUGIN", "FROM -> TO", "PAUSE", "REPLAYED", "HANDED OVER",
                "OUTCOME");
        int shown = 0;
        for (SwapRecord record : history) {
            if (limit > 0 && shown++ >= limit) {
                break;
            }
            table.row(WHEN.format(Instant.ofEpochMilli(record.startedAtMillis()).atZone(zone)), record.node(),
                    record.plugin(), versions(record), record.pauseNanos() < 0 ? "-" : millis(record.pauseNanos()),
                    record.replayed(), record.handedOver(), record.outcome().label());
            if (record.detail() != null) {
                table.note(record.detail());
            }
        }
        out.append(table.render("  "));
        if (limit > 0 && history.size() > limit) {
            out.append("  (").append(history.size() - limit).append(" older not shown)\n");
        }
        return out.toString();
    }

    /** @return {@code a 1.0.0 -> a 1.0.1}, or {@code a 1.0.0 -> 1.0.1} when the symbolic name is the same */
    static String versions(SwapRecord record) {
        String from = record.fromBundle();
        String to = record.toBundle();
        if (to == null) {
            return from + " -> (none)";
        }
        int fromSpace = from.lastIndexOf(' ');
        int toSpace = to.lastIndexOf(' ');
        if (fromSpace > 0 && toSpace > 0 && from.substring(0, fromSpace).equals(to.substring(0, toSpace))) {
            return from + " -> " + to.substring(toSpace + 1);
        }
        return from + " -> " + to;
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
    }
}
