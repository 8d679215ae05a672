package io.weir.launcher.internal;

/**
 * Exit statuses of the launcher, the shell client and {@code bin/weir}; operators and scripts rely on them.
 */
public final class ExitCodes {
    /** Stopped cleanly, or the shell command succeeded. */
    public static final int OK = 0;
    /** Failed to start or to stop in time, or an unexpected error. */
    public static final int FAILED = 1;
    /** Bad command line or bad {@code etc/weir.properties}. */
    public static final int USAGE = 2;
    /** Weir is not running (no shell socket, no live pid). */
    public static final int NOT_RUNNING = 3;
    /** The data folder cannot be created or written. */
    public static final int DATA_NOT_WRITABLE = 4;
    /** Another Weir already uses this data folder. */
    public static final int ALREADY_RUNNING = 5;
    /** The system bundle was updated or refreshed: start the launcher again (bin/weir does). */
    public static final int RESTART = 10;

    private ExitCodes() {
    }
}
