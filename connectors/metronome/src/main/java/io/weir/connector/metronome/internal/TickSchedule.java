package io.weir.connector.metronome.internal;

/**
 * When the next tick is due, on the {@link System#nanoTime()} scale. Ticks stay on a fixed grid
 * while the source keeps up; after a gap (the flow was paused) the grid restarts from now, so
 * missed ticks are skipped instead of emitted in a burst.
 */
final class TickSchedule {
    private final long intervalNanos;
    private long next;

    /**
     * @param intervalNanos time between two ticks; positive
     * @param firstTick     when the first tick is due
     */
    TickSchedule(long intervalNanos, long firstTick) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
        this.next = firstTick;
    }

    /** @return nanoseconds until the next tick is due; zero or less when it is due at {@code now} */
    long nanosUntilDue(long now) {
        return next - now;
    }

    /** Records that the due tick was emitted at {@code now} and moves to the next one. */
    void ticked(long now) {
        next += intervalNanos;
        if (next - now <= 0) {
            next = now + intervalNanos;
        }
    }
}
