package io.weir.runtime.internal.manager;

/**
 * How long a plugin call may take and how many failures a plugin gets before it is quarantined.
 *
 * @param callTimeoutMillis      the longest a call into a plugin may run (a pull gets its own timeout on top);
 *                               after that its thread is abandoned and the instance never called again
 * @param quarantineFailures     failures within the window that quarantine the node; 0 never quarantines
 * @param quarantineWindowMillis the window those failures are counted in
 */
public record FaultLimits(long callTimeoutMillis, int quarantineFailures, long quarantineWindowMillis) {

    /** The defaults, as documented: 30 s per call, quarantine after 10 failures within 60 s. */
    public static final FaultLimits DEFAULTS = new FaultLimits(30_000, 10, 60_000);
}
