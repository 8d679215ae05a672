package io.weir.runtime.internal.manager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Logs the errors a connector reports itself without letting a flood of garbage flood the log: per
 * kind, the first report at once, then at most one line per interval, which says how many reports
 * of that kind it did not log. Lock-free, callable from any thread; the kinds are the few that
 * {@link io.weir.runtime.internal.stats.ErrorKinds} lets through, so the map stays small.
 */
final class ErrorLog {
    /** How often a kind is logged at most. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The longest message logged and shown; a plugin's message is cut beyond it. */
    static final int MAX_MESSAGE = 400;
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    private final Consumer<String> out;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param out   where a line goes (the manager's logger, with its node label)
     * @param clock {@link System#nanoTime()}, or a test's clock
     */
    ErrorLog(Consumer<String> out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * @param kind    the kind it was counted under
     * @param message what the connector said, or null
     * @return the one line shown as the node's last error: {@code kind: message}
     */
    static String line(String kind, String message) {
        if (message == null || message.isBlank()) {
            return kind;
        }
        String text = message.strip();
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE) + "...";
        }
        return kind + ": " + LINE_BREAK.matcher(text).replaceAll(" ");
    }

    /**
     * Logs one report unless its kind was logged less than an interval ago.
     *
     * @param kind the kind it was counted under
     * @param line the line from {@link #line}
     */
    void report(String kind, String line) {
        long now = clock.getAsLong();
        Window window = windows.computeIfAbsent(kind, k -> new Window(now));
        long due = window.due.get();
        if (now - due < 0 || !window.due.compareAndSet(due, now + INTERVAL_NANOS)) {
            window.skipped.increment();
            return;
        }
        long skipped = window.skipped.sumThenReset();
        out.accept(skipped == 0 ? line
                : line + " (and " + skipped + " more '" + kind + "' since the last line; weir:stats counts them all)");
    }

    /** When a kind may be logged next, and how many reports of it were not logged since its last line. */
    private static final class Window {
        final AtomicLong due;
        final LongAdder skipped = new LongAdder();

        Window(long now) {
            this.due = new AtomicLong(now);
        }
    }
}
