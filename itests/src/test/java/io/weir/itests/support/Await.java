package io.weir.itests.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Bounded polling: tests wait for a condition, never for a fixed time. A probe that throws counts as "not yet",
 * and the last exception becomes the cause of the timeout failure so it explains what was still wrong.
 */
public final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /**
     * Polls {@code condition} until it returns true.
     *
     * @param what read as "timed out after 30 s waiting until {what}"
     * @throws AssertionError when the timeout passes first
     */
    public static void until(String what, Callable<Boolean> condition, Duration timeout) {
        value(what, () -> Boolean.TRUE.equals(condition.call()) ? Boolean.TRUE : null, timeout);
    }

    /**
     * Polls {@code probe} until it returns a value other than null, and returns that value.
     *
     * @throws AssertionError when the timeout passes first
     */
    public static <T> T value(String what, Callable<T> probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                AssertionError failure = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, remaining / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
