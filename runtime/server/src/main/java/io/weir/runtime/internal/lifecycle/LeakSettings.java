package io.weir.runtime.internal.lifecycle;

import java.time.Duration;

/**
 * How long a removed plugin gets to clean up.
 *
 * @param threadGrace    how long its threads may take to end after the revision went away
 * @param unloadDeadline how long its class loader may take to be garbage-collected after that
 * @param history        how many removed revisions {@code weir:leaks} remembers
 */
public record LeakSettings(Duration threadGrace, Duration unloadDeadline, int history) {

    /** 5 s for threads, 10 s for the class loader, 100 revisions remembered. */
    public static final LeakSettings DEFAULTS = new LeakSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 100);

    /** @throws IllegalArgumentException naming the option that is out of range */
    public LeakSettings {
        if (threadGrace == null || threadGrace.isNegative()) {
            throw new IllegalArgumentException("thread_grace_ms must be 0 or more, got " + threadGrace);
        }
        if (unloadDeadline == null || unloadDeadline.isNegative()) {
            throw new IllegalArgumentException("unload_deadline_ms must be 0 or more, got " + unloadDeadline);
        }
        if (history < 1) {
            throw new IllegalArgumentException("history must be 1 or more, got " + history);
        }
    }
}
