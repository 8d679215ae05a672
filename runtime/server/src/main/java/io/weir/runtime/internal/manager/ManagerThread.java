package io.weir.runtime.internal.manager;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a manager runs its node on, and the state it shows. One thread per node: a slow or
 * hung plugin holds up only its own node. Stopping asks the loop to end and waits a bounded time;
 * a thread stuck in a plugin call past that is interrupted and then abandoned, and reported. A
 * {@link Watchdog} abandons a thread whose plugin call ran past its limit while the node runs (see
 * {@link CallGuard}); the engine then takes back what the thread held ({@link #recover}) and
 * replaces the manager.
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
    private final CallGuard guard = new CallGuard();
    private final java.util.concurrent.atomic.AtomicBoolean recovered = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile StartListener startListener;

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
     * Starts the thread under a watchdog, which abandons it when a plugin call runs past its limit.
     *
     * @param watchdog the watchdog
     */
    public void start(Watchdog watchdog) {
        thread.start();
        watchdog.watch(this);
    }

    /** @param listener told once how the first start went; set before {@link #start} */
    public void onStart(StartListener listener) {
        this.startListener = listener;
    }

    /**
     * Tells the start listener, once, that the node runs.
     *
     * @param nowNanos   {@link System#nanoTime()}
     * @param handedOver outcomes of the predecessor's events delivered on opening
     */
    protected final void started(long nowNanos, long handedOver) {
        StartListener listener = startListener;
        if (listener != null) {
            startListener = null;
            listener.started(nowNanos, handedOver);
        }
    }

    /**
     * Tells the start listener, once, that the first attempt failed.
     *
     * @param failure one line
     */
    protected final void startFailed(String failure) {
        StartListener listener = startListener;
        if (listener != null) {
            startListener = null;
            listener.failed(System.nanoTime(), failure);
        }
    }

    /** @return the guard of this manager's plugin calls */
    public CallGuard guard() {
        return guard;
    }

    /**
     * Asks the loop to end without waiting for it, so that many managers can wind down at once;
     * {@link #stop} then waits for each. Only the first call matters.
     */
    public void requestStop() {
        if (!stopping) {
            stopping = true;
            wakeUp();
        }
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
        if (guard.isAbandoned() && thread.isAlive()) {
            // The watchdog gave up on it already: waiting for a stuck call is pointless.
            abandoned = true;
            return false;
        }
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
            guard.abandon();
            state(NodeState.STOPPED, "abandoned: stuck in a plugin call");
            LOG.error("{}: did not stop within {} ms and was abandoned; its thread '{}' is stuck at {}", label,
                    timeoutMillis, thread.getName(), topFrame());
            return false;
        }
        return true;
    }

    /** @return where the thread is: the innermost frame outside the JDK (the plugin's code), else the top frame */
    private String topFrame() {
        StackTraceElement[] stack = thread.getStackTrace();
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return frame.toString();
            }
        }
        return stack.length == 0 ? "(unknown)" : stack[0].toString();
    }

    /** @return whether the thread ended */
    public boolean isStopped() {
        return !thread.isAlive();
    }

    /** @return whether the manager was abandoned in a stuck plugin call */
    public boolean isAbandoned() {
        return abandoned || guard.isAbandoned();
    }

    /** The watchdog abandoned this manager: it shows why, and the log names the thread and where it is stuck. */
    void abandonedByWatchdog() {
        abandoned = true;
        String line = "stuck for " + TimeUnit.NANOSECONDS.toMillis(guard.abandonedAfterNanos()) + " ms in "
                + guard.abandonedIn() + " at " + topFrame() + " on thread '" + thread.getName() + "'";
        lastError(line);
        state(NodeState.QUARANTINED, line + "; abandoned, the instance is not called again");
        LOG.error("{}: {}; the thread is abandoned and the instance is never called again", label, line);
    }

    /**
     * Waits (bounded) until an abandoned thread is no longer inside the runtime's own code: once
     * abandoned it leaves at its next check, so what remains is a thread inside a plugin (or ended),
     * which no longer touches what {@link #recover} takes back.
     *
     * @param timeoutMillis the longest wait
     * @return whether it left the runtime's code in time
     */
    public boolean awaitOutsideRuntime(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (thread.isAlive() && inRuntimeCode(thread.getStackTrace())) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    /** The classes of the data path a manager thread runs between plugin calls. */
    private static final java.util.Set<String> DATA_PATH = java.util.Set.of(ManagerThread.class.getName(),
            SourceManager.class.getName(), SinkManager.class.getName(), PipelineRunner.class.getName(),
            Dispatcher.class.getName(), Inbox.class.getName(), DecodeChain.class.getName(),
            EncodeChain.class.getName(), Holds.class.getName(), Token.class.getName(), Tokens.class.getName(),
            SourceAcks.class.getName(), Batch.class.getName(), Events.class.getName(), CallGuard.class.getName(),
            Routes.class.getName(), Gate.class.getName(), Breaker.class.getName(), ProcessorStep.class.getName(),
            Backoff.class.getName(), FailureLog.class.getName(), Faults.class.getName());

    /** @return whether the innermost frame that is not the JDK's belongs to the runtime's data path */
    static boolean inRuntimeCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("javax.")) {
                continue;
            }
            int nested = type.indexOf('$');
            String outer = nested < 0 ? type : type.substring(0, nested);
            return DATA_PATH.contains(outer) || outer.startsWith("io.weir.runtime.internal.stats.");
        }
        return false;
    }

    /**
     * Takes back what an abandoned manager's thread held (events in its hands go back to the node's
     * queue, outcomes are held for the next instance), once. Call after {@link #awaitOutsideRuntime}.
     */
    public final void recover() {
        if (isAbandoned() && recovered.compareAndSet(false, true)) {
            try {
                takeBack();
            } catch (Throwable t) {
                LOG.error("{}: taking back what the abandoned manager held failed", label, t);
            }
        }
    }

    /** What {@link #recover} does for this kind of manager. */
    protected abstract void takeBack();

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

    /** Makes the thread look at its state again now (a quarantine was lifted). */
    public void nudge() {
        wakeUp();
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
        } catch (CallGuard.Abandoned a) {
            // The watchdog gave up on this thread while it was in a plugin call: leave without a trace.
            return;
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
