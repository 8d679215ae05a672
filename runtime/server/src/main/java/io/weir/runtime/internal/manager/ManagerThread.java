package io.weir.runtime.internal.manager;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs a manager's node, and the state it shows: a thread of its own, or a task on the shared
 * {@link Workers} (see {@link #start(Watchdog, Workers)}). Either way a slow or hung plugin holds up
 * only its own node: a worker that blocks in a plugin call is replaced. Stopping asks the loop to end
 * and waits a bounded time; a thread stuck in a plugin call past that is interrupted and then
 * abandoned, and reported. A
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
    private final String threadName;
    /** The node's own thread; {@code null} when it runs as a task. */
    private Thread thread;
    /** The node as a task on the shared workers; {@code null} when it has a thread of its own. */
    private Slices task;
    /** The worker running a slice of the task now, or {@code null}; set and cleared under {@link #sliceLock}. */
    private volatile Thread runningOn;
    /** Orders the end of a slice with an interrupt or a renaming meant for the worker in it. */
    private final Object sliceLock = new Object();
    /** The last thread that ran the node, for messages. */
    private volatile Thread lastThread;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    /** Set by {@link #idle} in a slice: the slice ends and the task waits. */
    private boolean idled;
    private long idleUntilNanos;
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
        this.threadName = threadName;
    }

    /**
     * Starts the node under a watchdog (which abandons it when a plugin call runs past its limit), as a
     * task on {@code workers}, or on a thread of its own when that is {@code null}.
     *
     * @param watchdog the watchdog, or {@code null}
     * @param workers  the workers, or {@code null}
     */
    public void start(Watchdog watchdog, Workers workers) {
        if (workers == null) {
            thread = new Thread(this::runLoop, threadName);
            thread.setDaemon(true);
            // The runtime's threads never lend a plugin's class loader to anyone.
            thread.setContextClassLoader(null);
            lastThread = thread;
            thread.start();
        } else {
            task = new Slices(workers);
            task.schedule();
        }
        if (watchdog != null) {
            watchdog.watch(this);
        }
    }

    /** @return the node's task on the shared workers, or {@code null} when it has a thread of its own */
    protected final Workers.Task task() {
        return task;
    }

    /** @return whether the node runs as a task on the shared workers */
    protected final boolean onWorkers() {
        return task != null;
    }

    /**
     * Runs a wait that may be long (a source waiting for data) without holding up other nodes: on the
     * shared workers, the worker is replaced meanwhile.
     *
     * @param wait the wait
     */
    protected final <E extends Exception> void blocking(Workers.Wait<E> wait) throws E {
        if (task == null) {
            wait.run();
        } else {
            task.pool().blocking(wait);
        }
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
        if (guard.isAbandoned() && !isStopped()) {
            // The watchdog gave up on it already: waiting for a stuck call is pointless.
            abandoned = true;
            return false;
        }
        wakeUp();
        try {
            if (!awaitEnd(Math.max(1, timeoutMillis))) {
                interruptRunning();
                awaitEnd(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!isStopped()) {
            abandoned = true;
            guard.abandon();
            nameStuckWorker();
            state(NodeState.STOPPED, "abandoned: stuck in a plugin call");
            LOG.error("{}: did not stop within {} ms and was abandoned; its thread '{}' is stuck at {}", label,
                    timeoutMillis, threadName(), topFrame());
            return false;
        }
        return true;
    }

    /**
     * A worker stuck in this node's plugin call takes the node's thread name until the call returns, so
     * that a thread dump, the log and {@code weir:leaks} name the node as for a thread of its own.
     */
    private void nameStuckWorker() {
        synchronized (sliceLock) {
            Thread on = runningOn;
            if (on != null) {
                on.setName(threadName);
                lastThread = on;
            }
        }
    }

    /** Interrupts the node's own thread, or the worker in a slice of it, never a worker that went on to another. */
    private void interruptRunning() {
        if (thread != null) {
            thread.interrupt();
            return;
        }
        synchronized (sliceLock) {
            Thread on = runningOn;
            if (on != null) {
                on.interrupt();
            }
        }
    }

    private boolean awaitEnd(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
            return !thread.isAlive();
        }
        return task == null || ended.await(millis, TimeUnit.MILLISECONDS);
    }


    /** @return where the thread is: the innermost frame outside the JDK (the plugin's code), else the top frame */
    private String topFrame() {
        Thread on = thread();
        if (on == null) {
            return "(not running)";
        }
        StackTraceElement[] stack = on.getStackTrace();
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return frame.toString();
            }
        }
        return stack.length == 0 ? "(unknown)" : stack[0].toString();
    }

    /** @return whether the node's loop ended (or never started) */
    public boolean isStopped() {
        if (thread != null) {
            return !thread.isAlive();
        }
        return task == null || ended.getCount() == 0;
    }

    /** @return whether the manager was abandoned in a stuck plugin call */
    public boolean isAbandoned() {
        return abandoned || guard.isAbandoned();
    }

    /** The watchdog abandoned this manager: it shows why, and the log names the thread and where it is stuck. */
    void abandonedByWatchdog() {
        abandoned = true;
        nameStuckWorker();
        String line = "stuck for " + TimeUnit.NANOSECONDS.toMillis(guard.abandonedAfterNanos()) + " ms in "
                + guard.abandonedIn() + " at " + topFrame() + " on thread '" + threadName() + "'";
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
        for (Thread on = thread(); on != null && inRuntimeCode(on.getStackTrace()); on = thread()) {
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
            Backoff.class.getName(), FailureLog.class.getName(), Faults.class.getName(), Workers.class.getName());

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

    /** @return the thread running the node now: its own, or the worker in a slice of it; {@code null} if none */
    Thread thread() {
        return thread != null ? (thread.isAlive() ? thread : null) : runningOn;
    }

    /** @return the name of the thread that runs the node now, or ran it last, for messages */
    public String threadName() {
        Thread on = runningOn;
        if (on == null) {
            on = lastThread;
        }
        return on == null ? threadName : on.getName();
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

    /** Makes the thread leave a wait early, or queues the task. */
    protected void wakeUp() {
        if (thread != null) {
            LockSupport.unpark(thread);
        } else if (task != null) {
            task.schedule();
        }
    }

    /**
     * Waits without busy looping, returning early on {@link #wakeUp()} or stop. On the workers it does
     * not wait: the step that calls it returns at once, and the task runs again after {@code nanos} or
     * when woken.
     *
     * @param nanos the longest wait
     */
    protected final void idle(long nanos) {
        if (stopping || nanos <= 0) {
            return;
        }
        long capped = Math.min(nanos, TimeUnit.SECONDS.toNanos(1));
        if (thread != null) {
            LockSupport.parkNanos(this, capped);
        } else {
            idled = true;
            idleUntilNanos = System.nanoTime() + capped;
        }
    }

    private void runLoop() {
        if (survived(() -> {
            begin();
            while (!stopping) {
                step();
            }
            shutdown();
        })) {
            stopped();
        }
    }

    /**
     * Runs part of the manager's loop; what escapes it ends the node. A {@link CallGuard.Abandoned} means the
     * watchdog gave up on the node while it was in a plugin call: it ends without a trace. Anything else is a
     * bug in the manager itself, since plugin calls are guarded one by one.
     *
     * @return whether {@code part} returned; {@code false} when the node ended on what it threw
     */
    private boolean survived(Runnable part) {
        try {
            part.run();
            return true;
        } catch (CallGuard.Abandoned a) {
            return false;
        } catch (Throwable t) {
            state(NodeState.STOPPED, "manager failed: " + t);
            LOG.error("{}: manager failed", label, t);
            return false;
        }
    }

    /** The loop ended after {@link #shutdown}. */
    private void stopped() {
        if (!abandoned) {
            state(NodeState.STOPPED, null);
        }
    }

    /** What the manager does once before its first step. */
    protected void begin() {
    }

    /**
     * One step of the manager's loop: a pull, a batch, a wait. Steps run one at a time; on the workers,
     * a step must not wait for others (see {@link #idle}, {@link #blocking}).
     */
    protected abstract void step();

    /** What the manager does once {@link #stopping} is set: hands on what it holds and closes its plugin. */
    protected abstract void shutdown();

    /**
     * How long a node waiting for something that does not wake it (a breaker, a quarantine, the backoff's end, room
     * downstream on the workers, where the inbox wakes it sooner) waits before it looks again.
     */
    protected static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** How long a slice runs steps before the worker takes the next task, so many nodes share the cores fairly. */
    private static final long SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    /** The manager as a task: each slice runs steps until one waits or the slice is used up. */
    private final class Slices extends Workers.Task {
        private boolean begun;
        private boolean over;
        /** What the last {@link #steps} said: whether the task has more to do at once. */
        private boolean more;

        Slices(Workers workers) {
            super(workers);
        }

        @Override
        protected boolean runSlice() {
            if (over) {
                return false;
            }
            Thread me = Thread.currentThread();
            String workerName = me.getName();
            synchronized (sliceLock) {
                runningOn = me;
            }
            lastThread = me;
            try {
                if (survived(this::steps) && !over) {
                    return more;
                }
                if (over) {
                    stopped();
                }
                over = true;
                ended.countDown();
                return false;
            } finally {
                synchronized (sliceLock) {
                    // After this, no interrupt or renaming meant for this node reaches the worker; one before is
                    // undone here (the name) or by the worker once the slice ends (an interrupt).
                    runningOn = null;
                    if (me.getName() != workerName) {
                        // It took the node's name while stuck in its call (see nameStuckWorker).
                        me.setName(workerName);
                    }
                }
            }
        }

        /**
         * Runs steps until one waits or the slice is used up, and says in {@link #more} whether the task has
         * more to do at once; once stopping, shuts the node down and sets {@link #over}.
         */
        private void steps() {
            if (!begun) {
                begun = true;
                begin();
            }
            long start = System.nanoTime();
            while (true) {
                if (stopping) {
                    // Closing may wait for room downstream and for the plugin: the worker is replaced meanwhile.
                    pool().blocking(ManagerThread.this::shutdown);
                    over = true;
                    return;
                }
                idled = false;
                step();
                if (idled) {
                    idled = false;
                    if (!stopping) {
                        wakeAt(idleUntilNanos);
                        more = false;
                        return;
                    }
                } else if (System.nanoTime() - start > SLICE_NANOS) {
                    more = true;
                    return;
                }
            }
        }
    }
}
