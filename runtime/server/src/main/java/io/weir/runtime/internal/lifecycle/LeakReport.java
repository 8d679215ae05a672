package io.weir.runtime.internal.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders the checks of removed plugin revisions as {@code weir:leaks} shows them. */
public final class LeakReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LeakReport() {
    }

    /**
     * @param checks newest first
     * @param now    to say how long ago each revision went
     * @param zone   the time zone of the times shown
     */
    public static String render(List<LeakCheck> checks, Instant now, ZoneId zone) {
        if (checks.isEmpty()) {
            return "No plugin revision has been removed since the server started.\n";
        }
        long leaking = checks.stream().filter(c -> c.isDone() && c.status() != LeakCheck.Status.COLLECTED).count();
        long checking = checks.stream().filter(c -> !c.isDone()).count();
        StringBuilder out = new StringBuilder();
        out.append("Removed plugin revisions (").append(checks.size()).append(", newest first; ")
                .append(leaking).append(" leaving something behind, ").append(checking).append(" being checked):\n");
        for (LeakCheck check : checks) {
            render(check, now, zone, out);
        }
        return out.toString();
    }

    private static void render(LeakCheck check, Instant now, ZoneId zone, StringBuilder out) {
        RevisionInfo info = check.info();
        out.append("  ").append(info.symbolicName()).append(' ').append(info.version())
                .append("  (bundle ").append(info.bundleId()).append(")  ").append(check.cause()).append(' ')
                .append(TIME.format(check.removedAt().atZone(zone))).append(" (").append(ago(check.removedAt(), now))
                .append(")  ").append(check.status()).append('\n');
        for (String line : evidence(check)) {
            out.append("      ").append(line).append('\n');
        }
    }

    /** The lines under a check's heading. */
    static List<String> evidence(LeakCheck check) {
        List<String> lines = new ArrayList<>();
        if (!check.isDone()) {
            List<String> alive = check.suspects().stream().filter(ThreadSuspect::isAlive).map(ThreadSuspect::name)
                    .collect(Collectors.toList());
            if (!alive.isEmpty()) {
                lines.add("waiting for threads to end: " + String.join(", ", quoted(alive)));
            }
            return lines;
        }
        List<ThreadSuspect> leaked = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        for (ThreadSuspect suspect : check.suspects()) {
            if (check.threadsLeaked() && !suspect.frames().isEmpty()) {
                leaked.add(suspect);
            } else {
                ended.add(suspect.name());
            }
        }
        if (check.threadsLeaked()) {
            long after = check.threadsEndedAfterNanos();
            lines.add("threads alive after the grace period" + (after >= 0 ? " (all ended later, " + seconds(after)
                    + " after removal)" : "") + ":");
            for (ThreadSuspect suspect : leaked) {
                lines.add("- thread \"" + suspect.name() + "\" " + suspect.state()
                        + (suspect.isAlive() ? "" : " (ended since)") + ": " + String.join("; ", suspect.reasons()));
                for (String frame : suspect.frames()) {
                    lines.add("    at " + frame);
                }
            }
        } else if (!ended.isEmpty()) {
            lines.add("its threads ended within " + seconds(check.threadsEndedAfterNanos()) + ": "
                    + String.join(", ", quoted(ended)));
        }
        if (check.loaderLeaked()) {
            long after = check.collectedAfterNanos();
            lines.add("class loader still reachable at the unload deadline" + (after >= 0
                    ? " (collected later, " + seconds(after) + " after removal)" : "") + ";"
                    + (check.holders().isEmpty() ? " none of the known holders has it (threads, java.util.logging,"
                            + " security providers, MBeans, uncaught-exception handlers)" + (check.paths().isEmpty()
                                    ? ": `weir:leaks --paths` traces it in a heap dump" : "")
                            : " held by:"));
            for (String holder : check.holders()) {
                lines.add("- " + holder);
            }
            if (!check.paths().isEmpty()) {
                lines.add("path that keeps it (from a heap dump):");
                check.paths().forEach(line -> lines.add("  " + line));
            }
        } else if (check.collectedAfterNanos() >= 0) {
            lines.add("class loader collected " + seconds(check.collectedAfterNanos()) + " after removal");
        }
        return lines;
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.toList());
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** How long ago, in the largest whole unit: "42 s ago", "3 min ago", "2 h ago", "5 d ago". */
    public static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }
}
