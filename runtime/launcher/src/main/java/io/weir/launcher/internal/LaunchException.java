package io.weir.launcher.internal;

/**
 * A start or stop problem that the launcher reports as one line on stderr before exiting with {@link #exitCode()}.
 */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public LaunchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LaunchException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit status that goes with this problem (see {@link ExitCodes}). */
    public int exitCode() {
        return exitCode;
    }

    /** The first line of a throwable's message, or its class name when it has none: good for one-line reports. */
    public static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message.strip() : message.substring(0, newline).strip();
    }
}
