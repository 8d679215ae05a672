package io.weir.connector.http.internal.config;

/** Range checks whose messages name the configuration and the key. */
public final class Check {
    private Check() {
    }

    /**
     * @param origin the configuration file or PID
     * @param key    the option
     * @param value  its value
     * @param min    smallest allowed
     * @param max    largest allowed
     * @param unit   what the number counts, for the message (for example "bytes")
     * @return {@code value}
     * @throws IllegalArgumentException naming origin and key when out of range
     */
    public static long range(String origin, String key, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(origin + ": " + key + " must be between " + min + " and " + max + " "
                    + unit + ", was " + value);
        }
        return value;
    }

    /** Same as {@link #range(String, String, long, long, long, String)} for an {@code int}. */
    public static int range(String origin, String key, int value, int min, int max, String unit) {
        return (int) range(origin, key, (long) value, min, max, unit);
    }
}
