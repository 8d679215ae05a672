package io.weir.connector.blaster.internal;

/**
 * Paces emissions at a fixed rate on the {@link System#nanoTime()} scale: record {@code k} of the
 * schedule is due at {@code start + k / rate}. Records that fell due are released together, so rates
 * above what a sleep can resolve still come out exact on average. A pacer that falls more than
 * {@link #MAX_LAG_NANOS} behind restarts its schedule instead of catching up in a burst.
 */
final class Pacer {
    static final long MAX_LAG_NANOS = 100_000_000L;

    private final double nanosPerRecord;
    private long start = Long.MIN_VALUE;
    private long released;

    /** @param ratePerSecond records per second; positive */
    Pacer(long ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.nanosPerRecord = 1e9 / ratePerSecond;
    }

    private long due(long record) {
        return start + (long) (record * nanosPerRecord);
    }

    /**
     * @param now the current time
     * @param max the most records the caller wants
     * @return how many records may be emitted at {@code now}, at most {@code max}
     */
    int permits(long now, int max) {
        if (start == Long.MIN_VALUE || now - due(released) > MAX_LAG_NANOS) {
            start = now;
            released = 0;
        }
        if (now - due(released) < 0) {
            return 0;
        }
        long dueByNow = (long) ((now - start) / nanosPerRecord) + 1;
        return (int) Math.max(0, Math.min(max, dueByNow - released));
    }

    /** Records that {@code count} of the permitted records were emitted. */
    void emitted(int count) {
        released += count;
    }

    /** @return nanoseconds until the next record is due; zero or less when it is due */
    long nanosUntilNext(long now) {
        return start == Long.MIN_VALUE ? 0 : due(released) - now;
    }
}
