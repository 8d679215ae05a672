package io.weir.example.internal.sequence;

/**
 * The checked options of a sequence source.
 *
 * @param rate  values per second
 * @param limit values to emit in all; 0 for no end
 */
record SequenceSettings(double rate, long limit) {
    /** The fastest rate accepted: one value per microsecond. */
    static final double MAX_RATE = 1_000_000;

    /**
     * Checks the options.
     *
     * @param rate   values per second
     * @param limit  values in all, 0 for no end
     * @param origin where the options come from (the configuration file or PID), for messages
     * @return the settings
     * @throws IllegalArgumentException naming the origin and the key when an option is out of range
     */
    static SequenceSettings of(double rate, long limit, String origin) {
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException(origin + ": rate must be above 0 and at most " + (long) MAX_RATE
                    + " values per second, was " + rate);
        }
        if (limit < 0) {
            throw new IllegalArgumentException(origin + ": limit must be 0 (no end) or a positive count, was " + limit);
        }
        return new SequenceSettings(rate, limit);
    }

    /** @return the time between two values */
    long periodNanos() {
        return Math.max(1, Math.round(1e9 / rate));
    }
}
