package io.weir.runtime.internal.manager;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * Logs the failures of one plugin instance without flooding: the first failure of a run of
 * failures with its stack trace, the next ones as one line each, and the recovery once.
 */
final class FailureLog {
    private final Logger log;
    private final String label;
    private int inARow;

    /**
     * @param log   the manager's logger, so that operators filter by manager kind
     * @param label the node
     */
    FailureLog(Logger log, String label) {
        this.log = log;
        this.label = label;
    }

    /**
     * @param call       the plugin call that failed, for example {@code pull}
     * @param failure    what it threw
     * @param delayNanos when the instance is tried again
     * @return a one-line description for the shell
     */
    String failed(String call, Throwable failure, long delayNanos) {
        inARow++;
        long delayMs = TimeUnit.NANOSECONDS.toMillis(delayNanos);
        String line = call + " failed: " + failure;
        if (inARow == 1) {
            log.warn("{}: {}; closing it and opening it again in {} ms", label, line, delayMs, failure);
        } else {
            log.warn("{}: {} ({} failures in a row); opening it again in {} ms", label, line, inARow, delayMs);
        }
        return line;
    }

    /**
     * A failure the plugin reported itself (a lost connection): one line, no stack trace.
     *
     * @param what       the report
     * @param delayNanos when the instance is tried again
     */
    void reported(String what, long delayNanos) {
        inARow++;
        log.warn("{}: {}; opening it again in {} ms", label, what, TimeUnit.NANOSECONDS.toMillis(delayNanos));
    }

    /** Starts counting afresh: the operator lifted a quarantine, so the next failure is logged in full. */
    void reset() {
        inARow = 0;
    }

    /** The instance works again. */
    void recovered() {
        if (inARow > 0) {
            log.info("{}: running again after {} failure(s)", label, inARow);
            inARow = 0;
        }
    }
}
