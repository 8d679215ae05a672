package io.weir.connector.testkit;

import java.util.function.BooleanSupplier;

/** Bounded waiting on a condition, for tests: never a fixed sleep. */
public final class Poll {
    private Poll() {
    }

    /**
     * Waits in steps of 5 ms until {@code done} holds.
     *
     * @param what          the condition, for the failure message
     * @param timeoutMillis the longest to wait
     * @param done          what must become true
     * @throws AssertionError naming {@code what} when the time is up
     */
    public static void until(String what, long timeoutMillis, BooleanSupplier done) throws InterruptedException {
        until(what, timeoutMillis, () -> Thread.sleep(5), done);
    }

    /**
     * Runs {@code step} until {@code done} holds or the time is up.
     *
     * @param what          the condition, for the failure message
     * @param timeoutMillis the longest to wait
     * @param step          one step: a pull of a source, or a short wait
     * @param done          what must become true
     * @param <E>           what a step may throw
     * @throws AssertionError naming {@code what} when the time is up
     * @throws E              when a step does
     */
    public static <E extends Exception> void until(String what, long timeoutMillis, Step<E> step, BooleanSupplier done)
            throws E {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            step.run();
        }
    }

    /**
     * One step of a poll: a pull, or a short wait.
     *
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }
}
