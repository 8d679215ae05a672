package io.weir.runtime.internal.manager;

/**
 * Exponential backoff between attempts to reopen a failed plugin instance: the first delay, then
 * twice as long after each consecutive failure up to a cap. The count of consecutive failures goes
 * back to zero once the instance has run for as long as the cap without failing, so a plugin that
 * fails once a day is not punished for yesterday.
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private int failures;
    private long upSince = Long.MIN_VALUE;
    /** When the attempt after the last failure is due; {@code nanoTime} values compare only by difference. */
    private long nextAttemptNanos;
    private boolean attemptScheduled;

    /**
     * @param initialMillis the first delay
     * @param maxMillis     the longest delay
     */
    public Backoff(long initialMillis, long maxMillis) {
        this.initialNanos = Math.max(0, initialMillis) * 1_000_000L;
        this.maxNanos = Math.max(this.initialNanos, maxMillis * 1_000_000L);
    }

    /**
     * Records a failure.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return how long to wait before the next attempt, in nanoseconds
     */
    public long failed(long nowNanos) {
        if (upSince != Long.MIN_VALUE && nowNanos - upSince >= maxNanos) {
            failures = 0;
        }
        upSince = Long.MIN_VALUE;
        long delay = initialNanos;
        for (int i = 0; i < failures && delay < maxNanos; i++) {
            delay *= 2;
        }
        failures++;
        delay = Math.min(delay, maxNanos);
        nextAttemptNanos = nowNanos + delay;
        attemptScheduled = true;
        return delay;
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return how long until the attempt after the last failure is due, in nanoseconds; 0 when it may be made now
     */
    public long untilNextAttempt(long nowNanos) {
        return attemptScheduled && nowNanos - nextAttemptNanos < 0 ? nextAttemptNanos - nowNanos : 0;
    }

    /** @return {@link System#nanoTime()} when the attempt after the last failure was due */
    public long nextAttemptNanos() {
        return nextAttemptNanos;
    }

    /**
     * Records that the instance is running again.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    public void up(long nowNanos) {
        upSince = nowNanos;
    }

    /** Forgets every failure: the next one waits the first delay again (the operator cleared a quarantine). */
    public void reset() {
        failures = 0;
        upSince = Long.MIN_VALUE;
        attemptScheduled = false;
    }

    /** @return consecutive failures so far (zero once the instance ran long enough) */
    public int failures() {
        return failures;
    }
}
