package io.weir.runtime.internal.shell;

import java.time.Duration;

/**
 * Bounds on the shell socket's resources.
 *
 * @param threads        connection threads: at most this many commands run at once
 * @param queued         connections that may wait for a thread; more are told the shell is busy
 * @param requestTimeout how long a client has to send its command line
 * @param stopTimeout    how long stopping waits for running commands before interrupting them
 */
public record ShellLimits(int threads, int queued, Duration requestTimeout, Duration stopTimeout) {

    /** Four commands at once, eight waiting, ten seconds to send a line, five to finish on stop. */
    public static final ShellLimits DEFAULT = new ShellLimits(4, 8, Duration.ofSeconds(10), Duration.ofSeconds(5));

    /** Validates the bounds. */
    public ShellLimits {
        if (threads < 1 || queued < 0 || requestTimeout.isNegative() || requestTimeout.isZero()
                || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("invalid shell limits: threads=" + threads + " queued=" + queued
                    + " requestTimeout=" + requestTimeout + " stopTimeout=" + stopTimeout);
        }
    }
}
