package io.weir.launcher.internal;

import java.util.concurrent.TimeUnit;

/**
 * Tells a first stop signal from a second one that means "now". A supervisor that signals a whole process group
 * (systemd's {@code systemctl stop}, {@code kill -TERM -<group>}) reaches both {@code bin/weir run}, which passes the
 * signal on to the JVM, and the JVM itself: the two copies come within milliseconds and are one request. A signal
 * {@link #SAME_REQUEST_NANOS} or more after the first is an operator who does not want to wait.
 */
final class StopSignals {
    /** Signals this close to the first are copies of it. */
    static final long SAME_REQUEST_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What a signal asks for. */
    enum Meaning {
        /** The first: stop cleanly. */
        STOP,
        /** A copy of the first: nothing more. */
        SAME,
        /** A later one while stopping: exit at once. */
        NOW
    }

    private long firstNanos;
    private boolean seen;

    /**
     * @param nowNanos {@link System#nanoTime()} when the signal came
     * @return what it asks for
     */
    synchronized Meaning signal(long nowNanos) {
        if (!seen) {
            seen = true;
            firstNanos = nowNanos;
            return Meaning.STOP;
        }
        return nowNanos - firstNanos < SAME_REQUEST_NANOS ? Meaning.SAME : Meaning.NOW;
    }
}
