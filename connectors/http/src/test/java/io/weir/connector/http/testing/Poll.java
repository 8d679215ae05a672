package io.weir.connector.http.testing;

import java.util.function.BooleanSupplier;

/** Bounded waiting on a condition: never a fixed sleep. */
public final class Poll {
    private Poll() {
    }

    /**
     * @param what      the condition, for the failure message
     * @param timeoutMs the longest to wait
     * @param condition what must become true
     * @throws AssertionError when it did not within the time
     */
    public static void until(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }
}
