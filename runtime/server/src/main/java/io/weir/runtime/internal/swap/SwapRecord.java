package io.weir.runtime.internal.swap;

/**
 * One hot swap under one node, as {@code weir:swaps} shows it.
 *
 * @param startedAtMillis when the old version went away (epoch milliseconds)
 * @param node            the node that was held, for example {@code sink/out}
 * @param plugin          what was replaced: {@code sink 'out'}, {@code codec 'json'}, {@code operator type 'window'}
 * @param fromBundle      the bundle the old version came from, {@code symbolic-name version}
 * @param toBundle        the bundle of the new version; {@code null} when none came
 * @param pauseNanos      from the moment the old version went away until the new one ran; -1 when it never ran
 * @param replayed        events the old sink took and did not acknowledge, delivered again to the new one
 * @param handedOver      outcomes of the old source's events delivered to the new one
 * @param outcome         how it ended
 * @param detail          why, when it did not resume; may be null
 */
public record SwapRecord(long startedAtMillis, String node, String plugin, String fromBundle, String toBundle,
        long pauseNanos, long replayed, long handedOver, Outcome outcome, String detail) {

    /** How a swap ended. */
    public enum Outcome {
        /** The new version runs. */
        RESUMED,
        /** The new version came but failed its first start; it is retried with backoff. */
        FAILED,
        /** No new version came within the node's {@code swap.timeout_ms}; the node waits for one. */
        TIMED_OUT,
        /** The node was removed or its configuration changed before a new version ran. */
        CANCELLED;

        /** @return the lower-case word the shell prints */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
