package io.weir.connector.file.internal.testing;

import java.util.function.BooleanSupplier;

/** Bounded waiting on a condition, for tests. */
public final class Poll {
    private Poll() {
    }

    /**
     * Runs {@code step} until {@code done} holds or the time is up.
     *
     * @throws AssertionError naming {@code what} when the time is up
     */
    public static void until(String what, long timeoutMillis, Step step, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            step.run();
        }
    }

    /** One step of a poll: a pull, or a short wait. */
    public interface Step {
        void run() throws Exception;
    }
}
