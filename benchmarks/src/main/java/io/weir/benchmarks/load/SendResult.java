package io.weir.benchmarks.load;

/**
 * What the load generator sent, and when.
 *
 * @param events         events sent
 * @param bytes          bytes sent
 * @param firstByteNanos {@link System#nanoTime()} just before the first byte was written
 * @param lastByteNanos  {@link System#nanoTime()} once the last byte was written
 */
public record SendResult(long events, long bytes, long firstByteNanos, long lastByteNanos) {

    /** @return seconds from the first to the last byte */
    public double seconds() {
        return (lastByteNanos - firstByteNanos) / 1e9;
    }

    @Override
    public String toString() {
        double s = Math.max(seconds(), 1e-9);
        return String.format("sent %,d events, %,d bytes in %.3f s: %,.0f events/s, %.1f MB/s", events, bytes,
                seconds(), events / s, bytes / s / 1e6);
    }
}
