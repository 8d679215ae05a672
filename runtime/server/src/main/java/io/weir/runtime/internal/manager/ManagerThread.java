package io.weir.runtime.internal.manager;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a manager runs its node on, and the state it shows. One thread per node: a slow or
 * hung plugin holds up only its own node. Stopping asks the loop to end and waits a bounded time;
 * a thread stuck in a plugin call past that is interrupted and then abandoned, and reported.
 */
public abstract class ManagerThread {
    private static final Logger LOG = LoggerFactory.getLogger(ManagerThread.class);

    /** The node, for example {@code source/ticks}; used in every message. */
    protected final String label;
    /** Set once when the manager must end. */
    protected volatile boolean stopping;
    private final Thread thread;
    private volatile NodeState state = NodeState.STARTING;
    private volatile String reason;
    private volatile String lastError;
    private volatile boolean abandoned;

    /**
     * @param label      the node
     * @param threadName the thread's name
     */
    protected ManagerThread(String label, String threadName) {
        this.label = label;
        this.thread = new Thread(this::runLoop, threadName);
        thread.setDaemon(true);
        // The runtime's threads never lend a plugin's class loader to anyone.
        thread.setContextClassLoader(null);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /**
     * Stops the manager: the loop finishes its current step, hands on or fails what it holds and
     * closes its plugin.
     *
     * @param timeoutMillis how long to wait for that
     * @return whether the thread ended in time; {@code false} means it was abandoned
     */
    public boolean stop(long timeoutMillis) {
        stopping = true;
        wakeUp();
        try {
            thread.join(Math.max(1, timeoutMillis));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            abandoned = true;
            state(NodeState.STOPPED, "abandoned: stuck in a plugin call");
            LOG.error("{}: did not stop within {} ms and was abandoned; its thread '{}' is stuck at {}", label,
                    timeoutMillis, thread.getName(), topFrame());
            return false;
        }
        return true;
    }

    private String topFrame() {
        StackTraceElement[] stack = thread.getStackTrace();
        return stack.length == 0 ? "(unknown)" : stack[0].toString();
    }

    /** @return whether the thread ended */
    public boolean isStopped() {
        return !thread.isAlive();
    }

    /** @return whether the manager was abandoned in a stuck plugin call */
    public boolean isAbandoned() {
        return abandoned;
    }

    /** @return the thread, for diagnostics */
    public Thread thread() {
        return thread;
    }

    /** @return what the node is doing */
    public NodeState state() {
        return state;
    }

    /** @return why it is in that state (what it waits for, why it paused or failed), or {@code null} */
    public String reason() {
        return reason;
    }

    /** @return the last error seen (a failure, a malformed record), or {@code null} */
    public String lastError() {
        return lastError;
    }

    /**
     * @param state  the new state
     * @param reason why, or {@code null}
     */
    protected final void state(NodeState state, String reason) {
        this.state = state;
        this.reason = reason;
    }

    /** @param error the last error, shown in the shell */
    protected final void lastError(String error) {
        this.lastError = error;
    }

    /** Makes the thread leave a wait early. */
    protected void wakeUp() {
        LockSupport.unpark(thread);
    }

    /**
     * Waits without busy looping, returning early on {@link #wakeUp()} or stop.
     *
     * @param nanos the longest wait
     */
    protected final void idle(long nanos) {
        if (!stopping && nanos > 0) {
            LockSupport.parkNanos(this, Math.min(nanos, TimeUnit.SECONDS.toNanos(1)));
        }
    }

    private void runLoop() {
        try {
            run();
        } catch (Throwable t) {
            // Plugin calls are guarded one by one; this is a bug in the manager itself.
            state(NodeState.STOPPED, "manager failed: " + t);
            LOG.error("{}: manager thread failed", label, t);
            return;
        }
        if (!abandoned) {
            state(NodeState.STOPPED, null);
        }
    }

    /** The manager's loop; returns when {@link #stopping} is set. */
    protected abstract void run();
}
