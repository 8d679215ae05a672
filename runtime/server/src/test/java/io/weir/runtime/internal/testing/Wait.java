package io.weir.runtime.internal.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling on a condition: tests never sleep for a fixed time. */
public final class Wait {
    private Wait() {
    }

    /**
     * Waits until the condition holds, failing the test with the message after the timeout.
     *
     * @param timeoutMillis the longest wait
     * @param message       what was expected, with the current state
     * @param condition     the condition
     */
    public static void until(long timeoutMillis, Supplier<String> message, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms: " + message.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /**
     * @param message   what was expected
     * @param condition the condition
     */
    public static void until(String message, BooleanSupplier condition) {
        until(30_000, () -> message, condition);
    }
}
