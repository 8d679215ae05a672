package io.weir.runtime.internal.manager;

import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads the nodes run on when they run as tasks: one worker per core takes the next task that
 * has work and runs a slice of it. A hand-over between two nodes then wakes no thread while the
 * workers are busy, and many flows share the cores without a thread switch per batch.
 *
 * <p>A slow or hung plugin must still hold up only its own flows. A worker that blocks — a task says
 * so around a wait it knows ({@link #blocking}), or the monitor finds it in one slice for longer than
 * {@link #BLOCKED_NANOS}, which only a plugin call does — no longer counts as on duty, and a spare
 * worker takes its place while there is work. Back from the wait, the worker finishes its slice and
 * becomes a spare again if there are enough workers on duty without it. Spares that find no work for
 * {@link #SPARE_IDLE_NANOS} end.
 *
 * <p>A task is queued at most once at a time; work that comes while it runs queues it again once the
 * slice ends ({@link Task#schedule}). A task that waits for a time ({@link Task#wakeAt}) is queued by
 * the timer. A task handed data by the slice running now ({@link Task#scheduleHere}) runs next on the
 * same worker, while the data is still in that core's cache; the producer, queued again, goes to
 * whichever worker is free, so one flow's stages still run on two cores at once. A slice that runs
 * on for more than {@link #LOCAL_NANOS} gives the waiting task to the other workers.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    /** A worker in one slice for longer than this is taken to be stuck in a plugin call and replaced. */
    private static final long BLOCKED_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * A task handed data waits on the producer's worker at most about this long: a slice that runs longer (a slow
     * step) gives it to the other workers.
     */
    private static final long LOCAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How often the monitor looks at the workers while one is in a slice. */
    private static final long MONITOR_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /**
     * How long the timer sleeps, at most, while no worker is in a slice: an idle server costs next to nothing. The
     * first slice to start wakes it.
     */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How long a worker without a task looks for one before it parks: the next batch of a busy flow
     * usually comes within microseconds, and parking and waking a thread costs more than that. A longer
     * spin (50 µs) took the core from threads that had work, such as a TCP reader or the JIT, and cost
     * scenario 1 about 3% (docs/benchmarks.md).
     */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(5);
    /** A parked worker looks again after this long whatever it was told; a lost wake-up costs no more. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A spare that had nothing to do for this long ends. */
    private static final long SPARE_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final int parallelism;
    private final String name;
    private final ConcurrentLinkedQueue<Task> runQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Worker> parked = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Worker> spares = new ConcurrentLinkedQueue<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    /** Workers on duty: neither blocked nor spare. */
    private final AtomicInteger onDuty = new AtomicInteger();
    /**
     * Workers in a slice and not blocked: while one is, a worker without a task spins a little before it parks,
     * as the busy one is likely to hand it work; while none is (a paced source waits for its next event), it
     * parks at once instead of burning a core for nothing.
     */
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>();
    private final Thread timer;
    private final long blockedNanos;
    private final long localNanos;
    private final long quietNanos;
    /** The timer sleeps without watching the workers: a worker that starts a slice wakes it. */
    private volatile boolean quiet;
    private volatile boolean closed;

    /**
     * @param parallelism workers on duty, normally the number of cores
     * @param name        the prefix of the threads' names
     */
    public Workers(int parallelism, String name) {
        this(parallelism, name, BLOCKED_NANOS, LOCAL_NANOS, QUIET_NANOS);
    }

    /** With other limits than {@link #BLOCKED_NANOS}, {@link #LOCAL_NANOS} and {@link #QUIET_NANOS}, for tests. */
    Workers(int parallelism, String name, long blockedNanos, long localNanos, long quietNanos) {
        this.parallelism = Math.max(1, parallelism);
        this.name = name;
        this.blockedNanos = blockedNanos;
        this.localNanos = localNanos;
        this.quietNanos = quietNanos;
        this.timer = new Thread(this::timeKeeper, name + "-timer");
        timer.setDaemon(true);
        timer.setContextClassLoader(null);
        timer.start();
    }

    /** @return the worker threads there are now, on duty, blocked and spare */
    public int threads() {
        return workers.size();
    }

    /** @return the workers not blocked and not spare */
    public int onDuty() {
        return onDuty.get();
    }

    /**
     * Runs a wait the caller knows may be long (a source waiting for data) on the current worker,
     * which meanwhile does not count as on duty. Outside a worker it just runs.
     *
     * @param wait the wait
     */
    public <E extends Exception> void blocking(Wait<E> wait) throws E {
        Worker worker = Thread.currentThread() instanceof Worker w && w.pool == this ? w : null;
        if (worker != null) {
            worker.block();
        }
        try {
            wait.run();
        } finally {
            if (worker != null) {
                worker.unblock();
            }
        }
    }

    /** A wait run by {@link #blocking}. */
    @FunctionalInterface
    public interface Wait<E extends Exception> {
        void run() throws E;
    }

    /** Ends the workers and the timer; tasks still queued are not run. */
    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
        LockSupport.unpark(timer);
    }

    private void queueHere(Task task) {
        if (Thread.currentThread() instanceof Worker worker && worker.pool == this && worker.sliceStart != 0
                && worker.mark.get() == 0) {
            Task previous = worker.local.getAndSet(task);
            if (previous != null) {
                queue(previous);
            }
            if (worker.mark.get() != 0) {
                // Marked blocked meanwhile: the mark's hand-over may have looked at the slot before this task came.
                worker.shareLocal();
            }
            return;
        }
        queue(task);
    }

    private void queue(Task task) {
        runQueue.offer(task);
        Worker idle = parked.poll();
        if (idle != null) {
            LockSupport.unpark(idle);
        } else {
            staff();
        }
    }

    /** Brings the workers on duty up to {@link #parallelism}: a spare first, else a new thread. */
    private void staff() {
        while (!closed) {
            int now = onDuty.get();
            if (now >= parallelism) {
                return;
            }
            if (onDuty.compareAndSet(now, now + 1)) {
                Worker spare = spares.poll();
                if (spare != null) {
                    spare.called = true;
                    LockSupport.unpark(spare);
                } else {
                    Worker worker = new Worker(name + "-" + started.incrementAndGet());
                    workers.add(worker);
                    try {
                        worker.start();
                    } catch (Throwable t) {
                        // No thread to be had (the process's limit): the count goes back, the work waits for a worker.
                        workers.remove(worker);
                        onDuty.decrementAndGet();
                        LOG.error("cannot start another worker thread; {} on duty", onDuty.get(), t);
                        return;
                    }
                }
            }
        }
    }

    private void addTimer(Task task, long atNanos) {
        synchronized (timers) {
            if (task.timerAt != 0 && task.timerAt - atNanos <= 0) {
                return;
            }
            task.timerAt = atNanos;
            timers.add(new Timed(atNanos, task));
            if (timers.peek().task == task) {
                LockSupport.unpark(timer);
            }
        }
    }

    /** The timer's thread: queues the tasks whose time came and replaces the workers that block. */
    private void timeKeeper() {
        while (!closed) {
            try {
                keepTime();
            } catch (Throwable t) {
                // Without this thread no timed wait ends and no stuck worker is replaced: it must go on.
                LOG.error("the workers' timer failed a round", t);
                LockSupport.parkNanos(this, MONITOR_NANOS);
            }
        }
    }

    /** One round: queues the due tasks, replaces the workers stuck in a slice, sleeps until the next round. */
    private void keepTime() {
        long now = System.nanoTime();
        long next = now + quietNanos;
        while (true) {
            Task due;
            synchronized (timers) {
                Timed first = timers.peek();
                if (first == null || first.atNanos - now > 0) {
                    if (first != null && first.atNanos - next < 0) {
                        next = first.atNanos;
                    }
                    break;
                }
                timers.poll();
                due = first.task;
                if (due.timerAt == first.atNanos) {
                    due.timerAt = 0;
                }
            }
            due.schedule();
        }
        boolean watch = false;
        for (Worker worker : workers) {
            long since = worker.sliceStart;
            if (since != 0 && worker.mark.get() == 0) {
                // A worker marked blocked (a source waiting for data) is replaced already: nothing to watch.
                watch = true;
                if (now - since > blockedNanos) {
                    worker.stuckIn(since);
                } else if (now - since > localNanos) {
                    worker.shareLocal();
                }
            }
        }
        if (!watch) {
            // Woken by the next slice that starts. Woken, the timer mostly finds that slice still running and looks
            // again after MONITOR_NANOS, so a busy server's short slices wake it at most about that often.
            quiet = true;
            // A slice that started after the look above may have read quiet before it was set: look again.
            watch = anyInSlice();
        }
        quiet = !watch;
        if (watch && next - now > MONITOR_NANOS) {
            next = now + MONITOR_NANOS;
        }
        LockSupport.parkNanos(this, Math.max(1, next - now));
    }

    private boolean anyInSlice() {
        for (Worker worker : workers) {
            if (worker.sliceStart != 0 && worker.mark.get() == 0) {
                return true;
            }
        }
        return false;
    }

    private record Timed(long atNanos, Task task) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed other) {
            return Long.compare(atNanos - other.atNanos, 0);
        }
    }

    /**
     * Work that runs in slices on the workers. Never run by two workers at once.
     */
    public abstract static class Task {
        private static final int IDLE = 0;
        private static final int QUEUED = 1;
        private static final int RUNNING = 2;
        /** Scheduled while it ran: queued again once the slice ends. */
        private static final int AGAIN = 3;

        private final Workers pool;
        private final AtomicInteger state = new AtomicInteger();
        /** The timer's entry for this task, or 0; guarded by the pool's timers. */
        private long timerAt;

        /** @param pool the workers that run it */
        protected Task(Workers pool) {
            this.pool = pool;
        }

        /** @return the workers that run it */
        public final Workers pool() {
            return pool;
        }

        /** Queues the task unless it is queued already; if it is running, it runs again after this slice. */
        public final void schedule() {
            if (claim()) {
                pool.queue(this);
            }
        }

        /**
         * As {@link #schedule}, for a task the running slice just handed data: called from a worker, it runs
         * next on that worker once the slice ends (if the worker blocks first, it goes to the others).
         */
        public final void scheduleHere() {
            if (claim()) {
                pool.queueHere(this);
            }
        }

        /** @return whether the task went from idle to queued, and so is the caller's to queue */
        private boolean claim() {
            while (true) {
                int s = state.get();
                if (s == QUEUED || s == AGAIN) {
                    return false;
                }
                int next = s == IDLE ? QUEUED : AGAIN;
                if (state.compareAndSet(s, next)) {
                    return next == QUEUED;
                }
            }
        }

        /**
         * Queues the task at a time unless it is scheduled before.
         *
         * @param atNanos {@link System#nanoTime()} to run at
         */
        public final void wakeAt(long atNanos) {
            pool.addTimer(this, atNanos);
        }

        /**
         * One slice. Runs on a worker, never at the same time as another slice of the same task.
         *
         * @return {@code true} to be queued again at once (it has more work), {@code false} to wait for
         *         {@link #schedule} or {@link #wakeAt}
         */
        protected abstract boolean runSlice();

        final void runOnce() {
            state.set(RUNNING);
            boolean more;
            try {
                more = runSlice();
            } catch (Throwable t) {
                // A slice catches what it can; this is a bug in the runtime: the task ends.
                LOG.error("a task failed", t);
                state.set(IDLE);
                return;
            }
            if (more || !state.compareAndSet(RUNNING, IDLE)) {
                state.set(QUEUED);
                pool.queue(this);
            }
        }
    }

    /** One worker thread. */
    private final class Worker extends Thread {
        /** The mark of a worker that said it blocks (see {@link Workers#blocking}). */
        private static final long SELF = -1;
        final Workers pool = Workers.this;
        /** When the current slice started, or 0 between slices. */
        volatile long sliceStart;
        /**
         * Non-zero while the worker does not count as on duty because it blocks: {@link #SELF} when it said so,
         * else the start of the slice the monitor found too long, so that the monitor takes back only its own mark.
         */
        private final AtomicLong mark = new AtomicLong();
        /** The task to run next on this worker (see {@link Task#scheduleHere}); others take it if this one blocks. */
        private final AtomicReference<Task> local = new AtomicReference<>();
        volatile boolean called;

        Worker(String threadName) {
            super(threadName);
            setDaemon(true);
            setContextClassLoader(null);
        }

        /** Hands the task waiting to run next here to the other workers. */
        private void shareLocal() {
            Task waiting = local.getAndSet(null);
            if (waiting != null) {
                queue(waiting);
            }
        }

        void block() {
            mark(SELF);
        }

        /** @return whether this call marked the worker blocked (it was not) */
        private boolean mark(long by) {
            if (!mark.compareAndSet(0, by)) {
                return false;
            }
            shareLocal();
            busy.decrementAndGet();
            if (onDuty.decrementAndGet() < parallelism && !runQueue.isEmpty()) {
                staff();
            }
            return true;
        }

        void unblock() {
            if (mark.getAndSet(0) != 0) {
                unmarked();
            }
        }

        private void unmarked() {
            busy.incrementAndGet();
            onDuty.incrementAndGet();
        }

        /**
         * The monitor saw this worker in the slice that started at {@code since} for too long. If that slice ended
         * meanwhile, the mark is taken back at once, so that a worker between slices is never left marked; a mark
         * the worker set itself since is left alone.
         */
        void stuckIn(long since) {
            if (sliceStart == since && mark(since) && sliceStart != since && mark.compareAndSet(since, 0)) {
                unmarked();
            }
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    Task task = local.getAndSet(null);
                    if (task == null) {
                        task = next();
                    }
                    if (task != null) {
                        // A plugin may have left its loader set.
                        setContextClassLoader(null);
                        busy.incrementAndGet();
                        long start = System.nanoTime();
                        sliceStart = start == 0 ? 1 : start;
                        if (quiet) {
                            quiet = false;
                            LockSupport.unpark(timer);
                        }
                        try {
                            task.runOnce();
                        } finally {
                            // Before unblock: the monitor's stuckIn takes back its own mark once the slice ended.
                            sliceStart = 0;
                            unblock();
                            busy.decrementAndGet();
                            // An interrupt meant for the slice (a stop that timed out) must not make the parks spin.
                            Thread.interrupted();
                        }
                        if (!stayOnDuty()) {
                            return;
                        }
                        continue;
                    }
                    parked.add(this);
                    // Looked at again once listed: a task queued before is seen here, one queued after wakes it.
                    if (runQueue.isEmpty() && !closed) {
                        LockSupport.parkNanos(pool, PARK_NANOS);
                    }
                    parked.remove(this);
                }
            } finally {
                workers.remove(this);
            }
        }

        /** @return whether to go on; {@code false} when this worker was a spare that had nothing to do for long */
        private boolean stayOnDuty() {
            while (true) {
                int now = onDuty.get();
                if (now <= parallelism) {
                    return true;
                }
                if (onDuty.compareAndSet(now, now - 1)) {
                    break;
                }
            }
            // One too many on duty: this one waits as a spare until a worker blocks.
            shareLocal();
            called = false;
            spares.add(this);
            long deadline = System.nanoTime() + SPARE_IDLE_NANOS;
            while (!called && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (spares.remove(this)) {
                        return false;
                    }
                    // Taken by staff() at this moment: it counted this one on duty.
                    while (!called) {
                        Thread.onSpinWait();
                    }
                    break;
                }
                LockSupport.parkNanos(pool, left);
            }
            return !closed;
        }

        private Task next() {
            Task task = runQueue.poll();
            if (task != null) {
                return task;
            }
            if (busy.get() == 0) {
                return null;
            }
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (System.nanoTime() - deadline < 0 && !closed && busy.get() > 0) {
                Thread.onSpinWait();
                task = runQueue.poll();
                if (task != null) {
                    return task;
                }
            }
            return null;
        }
    }
}
