package io.weir.runtime.internal.shell;

import java.io.OutputStream;

/**
 * Runs one shell command line for the {@link UnixShellServer}. Separates the socket protocol from Gogo, so the
 * protocol can be tested without a framework.
 */
@FunctionalInterface
public interface CommandRunner {

    /** The command ran and succeeded. */
    int SUCCESS = 0;
    /** The command ran and threw; its message was printed. */
    int FAILED = 1;
    /** The line named no known command, or could not be parsed. */
    int UNKNOWN_COMMAND = 2;

    /**
     * Runs the line, writing everything the command prints (standard output and errors alike) to {@code out}.
     * Called on a shell connection thread; may block for as long as the command runs.
     *
     * @return the exit status: {@link #SUCCESS}, {@link #FAILED} or {@link #UNKNOWN_COMMAND}
     */
    int run(String commandLine, OutputStream out);
}
