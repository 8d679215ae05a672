package io.weir.launcher.internal;

import java.io.PrintStream;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Felix's own messages (level set by {@code felix.log.level}), one line each: errors and warnings on stderr,
 * the rest on stdout. Stack traces only at the debug level (4), where someone is looking for them.
 */
public final class FelixLog extends Logger {
    private final PrintStream out;
    private final PrintStream err;

    public FelixLog(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String prefix = bundle == null ? "" : bundle.getSymbolicName() + " [" + bundle.getBundleId() + "] ";
        print(level, prefix + msg, throwable);
    }

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        print(level, msg, throwable);
    }

    private void print(int level, String msg, Throwable throwable) {
        StringBuilder line = new StringBuilder("felix ").append(levelName(level)).append(": ").append(msg);
        if (throwable != null) {
            line.append(" (").append(throwable.getClass().getSimpleName()).append(": ")
                    .append(LaunchException.oneLine(throwable)).append(')');
        }
        PrintStream stream = level <= LOG_WARNING ? err : out;
        stream.println(line);
        if (throwable != null && getLogLevel() >= LOG_DEBUG) {
            throwable.printStackTrace(stream);
        }
    }

    static String levelName(int level) {
        switch (level) {
            case LOG_ERROR:
                return "error";
            case LOG_WARNING:
                return "warning";
            case LOG_INFO:
                return "info";
            default:
                return "debug";
        }
    }
}
