package io.weir.connector.http.internal.client;

/** How long to wait before the next attempt. */
final class Backoff {
    private Backoff() {
    }

    /**
     * @param backoffMs     wait before the first retry
     * @param maxBackoffMs  longest wait
     * @param failed        attempts made so far (1 after the first)
     * @param retryAfterMs  what the server asked for with Retry-After, or negative
     * @return {@code backoffMs * 2^(failed-1)}, at least the server's Retry-After, at most {@code maxBackoffMs}
     */
    static long delayMs(long backoffMs, long maxBackoffMs, int failed, long retryAfterMs) {
        int doublings = Math.max(0, Math.min(failed - 1, 40));
        long delay = backoffMs > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : backoffMs << doublings;
        delay = Math.max(delay, retryAfterMs);
        return Math.min(delay, maxBackoffMs);
    }

    /**
     * @param header the Retry-After header, or null
     * @return its delay in milliseconds when given in seconds, else -1 (HTTP dates are ignored)
     */
    static long retryAfterMs(String header) {
        if (header == null) {
            return -1;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? -1 : Math.min(seconds, 86_400) * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
