package io.weir.connector.blaster.internal;

/**
 * When a replay ends: after {@code iterations} passes over the records and/or {@code duration}
 * nanoseconds after it started, whichever comes first; zero means no limit for either.
 */
final class ReplayPlan {
    /** Records to emit in all; Long.MAX_VALUE when unlimited. */
    private final long total;
    private final long durationNanos;

    /**
     * @param records       records in one pass; positive
     * @param iterations    passes; 0 for no limit
     * @param durationNanos how long; 0 for no limit
     */
    ReplayPlan(long records, long iterations, long durationNanos) {
        if (records <= 0 || iterations < 0 || durationNanos < 0) {
            throw new IllegalArgumentException("records " + records + ", iterations " + iterations
                    + ", duration " + durationNanos);
        }
        this.total = iterations == 0 || iterations > Long.MAX_VALUE / records ? Long.MAX_VALUE : iterations * records;
        this.durationNanos = durationNanos;
    }

    /**
     * @param emitted records emitted so far (first emissions, not repeats of failed ones)
     * @param elapsed nanoseconds since the replay started
     * @return whether no further record should be emitted
     */
    boolean finished(long emitted, long elapsed) {
        return emitted >= total || (durationNanos > 0 && elapsed >= durationNanos);
    }
}
