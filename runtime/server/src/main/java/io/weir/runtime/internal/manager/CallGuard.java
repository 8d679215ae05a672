package io.weir.runtime.internal.manager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Watches the plugin call a manager thread is in, so that a call that does not return in time is
 * noticed. A Java thread cannot be stopped, so a call past its limit is abandoned: the watchdog flips
 * the guard to abandoned, and from then on the thread touches nothing of the runtime's when the call
 * returns, if it ever does; it ends by throwing {@link Abandoned} out of the manager's loop.
 *
 * <p>The owner enters a guarded section before calling into a plugin and exits after; inside a long
 * section (a batch of writes) it reports progress before each call, which restarts the clock, and
 * checks after each call whether it was abandoned meanwhile. The watchdog can abandon only a thread
 * that is inside a section, never one running the manager's own code between sections.
 *
 * <p>Progress is a count, not a time: it is reported once per event, and reading the clock there took
 * 3.8% of the workers' time in scenario 1 (docs/benchmarks.md). The watchdog dates a progress by the
 * clock when its round first sees the count changed, which is never earlier than the progress was made
 * (a round's own start time can be: an abandoned manager's replacement delays the rest of the round). A
 * call is abandoned at most one round later than its limit, never sooner.
 */
public final class CallGuard {
    private static final int IDLE = 0;
    private static final int IN_CALL = 1;
    private static final int ABANDONED = 2;
    private static final VarHandle STATE;
    private static final VarHandle SINCE;
    private static final VarHandle PROGRESS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(CallGuard.class, "state", int.class);
            SINCE = lookup.findVarHandle(CallGuard.class, "sinceNanos", long.class);
            PROGRESS = lookup.findVarHandle(CallGuard.class, "progress", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    @SuppressWarnings("unused") // through SINCE
    private long sinceNanos;
    @SuppressWarnings("unused") // through PROGRESS
    private long progress;
    /** The watchdog's: the progress count its last round saw, and when a round first saw it. */
    private volatile long progressSeen;
    private volatile long progressSeenAtNanos = System.nanoTime();
    private volatile String call;
    private volatile long limitNanos;
    private volatile String abandonedIn;
    private volatile long abandonedAfterNanos;

    /** Thrown on the owner's thread when the watchdog gave up on it; the manager's loop ends without a word. */
    public static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("abandoned by the watchdog", null, false, false);
        }
    }

    /**
     * Enters a guarded section.
     *
     * @param call       the plugin call, for the report ({@code pull}, {@code write}...)
     * @param limitNanos how long it may take
     * @throws Abandoned when the thread was abandoned
     */
    public void enter(String call, long limitNanos) {
        this.call = call;
        this.limitNanos = limitNanos;
        SINCE.setOpaque(this, System.nanoTime());
        if (!STATE.compareAndSet(this, IDLE, IN_CALL)) {
            throw new Abandoned();
        }
    }

    /** The owner makes progress inside a section (the next event, waiting for room downstream): restarts the clock. */
    public void progress() {
        // Only the owner writes it: a read and a write, no atomic increment.
        PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
    }

    /**
     * Checks, after a plugin call inside a section, that the thread was not abandoned meanwhile.
     *
     * @throws Abandoned when it was
     */
    public void check() {
        if ((int) STATE.getVolatile(this) == ABANDONED) {
            throw new Abandoned();
        }
    }

    /**
     * Leaves a guarded section.
     *
     * @throws Abandoned when the thread was abandoned while inside
     */
    public void exit() {
        if (!STATE.compareAndSet(this, IN_CALL, IDLE)) {
            throw new Abandoned();
        }
    }

    /** @return whether the watchdog gave up on the owner */
    public boolean isAbandoned() {
        return (int) STATE.getVolatile(this) == ABANDONED;
    }

    /**
     * Abandons the owner if it has been inside a section for longer than the limit without progress.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return whether this call abandoned it
     */
    public boolean abandonIfOverdue(long nowNanos) {
        long count = (long) PROGRESS.getOpaque(this);
        if (count != progressSeen) {
            progressSeen = count;
            long clock = System.nanoTime();
            progressSeenAtNanos = clock - nowNanos > 0 ? clock : nowNanos;
        }
        if ((int) STATE.getVolatile(this) != IN_CALL) {
            return false;
        }
        long since = since();
        if (nowNanos - since < limitNanos) {
            return false;
        }
        String inCall = call;
        if (STATE.compareAndSet(this, IN_CALL, ABANDONED)) {
            abandonedIn = inCall;
            abandonedAfterNanos = nowNanos - since;
            return true;
        }
        return false;
    }

    /**
     * Abandons the owner whatever it does (its manager did not stop in time).
     *
     * @return whether this call abandoned it (false when it already was)
     */
    public boolean abandon() {
        while (true) {
            int now = (int) STATE.getVolatile(this);
            if (now == ABANDONED) {
                return false;
            }
            if (STATE.compareAndSet(this, now, ABANDONED)) {
                abandonedIn = now == IN_CALL ? call : null;
                abandonedAfterNanos = now == IN_CALL ? System.nanoTime() - since() : 0;
                return true;
            }
        }
    }

    /** @return when the owner entered its section or made progress last, as far as the watchdog knows */
    private long since() {
        long entered = (long) SINCE.getOpaque(this);
        long progressed = progressSeenAtNanos;
        return progressed - entered > 0 ? progressed : entered;
    }

    /** @return the call the owner was abandoned in, or {@code null} (not abandoned, or abandoned between calls) */
    public String abandonedIn() {
        return abandonedIn;
    }

    /** @return how long the owner had been in that call when it was abandoned */
    public long abandonedAfterNanos() {
        return abandonedAfterNanos;
    }
}
