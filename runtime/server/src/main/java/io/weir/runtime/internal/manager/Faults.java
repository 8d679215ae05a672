package io.weir.runtime.internal.manager;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The failures of one node, kept beside it across restarts of its manager, and whether they put it in
 * quarantine: too many failures within a window mean the plugin keeps failing, and retrying it only
 * wastes work and fills the log. A quarantined node is not tried again until the operator clears it
 * ({@code weir:restart}) or a new version of its plugin comes. Thread-safe.
 */
public final class Faults {
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private volatile String quarantined;
    private volatile long quarantinedAtMillis;
    private long total;

    /**
     * Records a failure.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @param limits   how many failures within which window quarantine
     * @param what     the failure, one line
     * @return the quarantine reason when this failure quarantined the node, else {@code null}
     */
    public synchronized String failed(long nowNanos, FaultLimits limits, String what) {
        total++;
        int limit = limits.quarantineFailures();
        if (limit <= 0 || quarantined != null) {
            return null;
        }
        long window = TimeUnit.MILLISECONDS.toNanos(limits.quarantineWindowMillis());
        recent.addLast(nowNanos);
        while (!recent.isEmpty() && nowNanos - recent.peekFirst() > window) {
            recent.pollFirst();
        }
        while (recent.size() > limit) {
            recent.pollFirst();
        }
        if (recent.size() < limit) {
            return null;
        }
        return quarantine(limit + " failures within " + limits.quarantineWindowMillis() + " ms, the last: " + what);
    }

    /**
     * Quarantines the node at once (a plugin call that never returned).
     *
     * @param reason why
     * @return the reason
     */
    public synchronized String quarantine(String reason) {
        quarantined = reason;
        quarantinedAtMillis = System.currentTimeMillis();
        return reason;
    }

    /** @return why the node is quarantined, or {@code null} when it is not */
    public String quarantined() {
        return quarantined;
    }

    /** @return when the node was quarantined (epoch milliseconds); meaningless when it is not */
    public long quarantinedAtMillis() {
        return quarantinedAtMillis;
    }

    /** @return failures recorded since the node was created */
    public synchronized long total() {
        return total;
    }

    /** Lifts the quarantine and forgets the recent failures (the operator cleared it, or a new version came). */
    public synchronized void clear() {
        recent.clear();
        quarantined = null;
    }
}
