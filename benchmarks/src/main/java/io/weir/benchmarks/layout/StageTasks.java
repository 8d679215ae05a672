package io.weir.benchmarks.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.weir.runtime.internal.manager.Batch;

/**
 * {@link FlowLayout#STAGE_TASKS}: one worker per core, each stage a task that is queued when it has
 * work. A worker runs one batch of a task and takes the next task, so one flow's source and sink run
 * at once on two workers, and a hand-over wakes a thread only when a worker has had nothing to do for
 * {@link #SPIN_NANOS}. {@link FlowLayout#STAGE_TASKS_LOCAL} also keeps a batch on the core that made it:
 * the worker encodes it itself when the sink is free, and the source's next batch goes to the run queue.
 */
final class StageTasks {
    /** The bound between a flow's stages, in batches: 256 KiB holds about two batches of Tremor's events. */
    static final int QUEUE_BATCHES = 2;
    /** A parked worker looks again after this long, whatever it was told. */
    static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How long a worker without a task looks for one before it parks: a stage's next batch usually comes
     * within microseconds, and parking and waking a thread costs more than that on two cores.
     */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final ConcurrentLinkedQueue<Task> runQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger flowsLeft = new AtomicInteger();
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private final long parkNanos;
    private final boolean local;

    private StageTasks(long parkNanos, boolean local) {
        this.parkNanos = parkNanos;
        this.local = local;
    }

    /**
     * @param flows     the flows, each run to its quota
     * @param cores     workers
     * @param parkNanos how long a parked worker waits before it looks again unbidden; tests make it endless, so
     *                  that a wake-up the scheduler forgets hangs the run instead of slowing it
     * @param local     whether a worker that made a batch goes on to encode it itself when the sink is free, while
     *                  the source's next batch waits in the run queue for another worker
     */
    static void run(FlowModel[] flows, int cores, long parkNanos, boolean local) throws InterruptedException {
        StageTasks tasks = new StageTasks(parkNanos, local);
        for (FlowModel flow : flows) {
            if (!flow.consumedAll()) {
                tasks.flowsLeft.incrementAndGet();
                tasks.new Link(flow).source.schedule();
            }
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            workers.add(new Thread(tasks::work, "model-task-worker-" + i));
        }
        FlowLayout.startAndJoin(workers, tasks.failed, tasks::wakeAll);
    }

    /**
     * {@link FlowLayout#SINK_TASKS}: each source on a thread of its own, putting its batches into the flow's
     * {@code Inbox} and waiting while it is full; each sink a task on one of {@code cores} workers.
     */
    static void runSinkTasks(FlowModel[] flows, int cores, long parkNanos) throws InterruptedException {
        StageTasks tasks = new StageTasks(parkNanos, false);
        List<Thread> threads = new ArrayList<>();
        for (FlowModel flow : flows) {
            if (flow.consumedAll()) {
                continue;
            }
            tasks.flowsLeft.incrementAndGet();
            Task sink = tasks.new InboxSink(flow);
            threads.add(new Thread(() -> {
                try {
                    for (Batch batch = flow.produce(); batch != null && !tasks.over(); batch = flow.produce()) {
                        if (!flow.inbox.put(batch, tasks::over)) {
                            return;
                        }
                        sink.schedule();
                    }
                } catch (Throwable t) {
                    tasks.failed.compareAndSet(null, t);
                    tasks.wakeAll();
                }
            }, "model-source-" + flow.index()));
        }
        for (int i = 0; i < cores; i++) {
            threads.add(new Thread(tasks::work, "model-task-worker-" + i));
        }
        FlowLayout.startAndJoin(threads, tasks.failed, tasks::wakeAll);
    }

    /** A sink as a task, taking its batches from the flow's inbox. */
    private final class InboxSink extends Task {
        private final FlowModel flow;

        InboxSink(FlowModel flow) {
            this.flow = flow;
        }

        @Override
        Task step() {
            Batch batch = flow.inbox.poll(0);
            if (batch == null) {
                return null;
            }
            flow.consume(batch);
            if (flow.consumedAll() && flowsLeft.decrementAndGet() == 0) {
                wakeAll();
            }
            return null;
        }

        @Override
        boolean hasWork() {
            return flow.inbox.size() > 0;
        }
    }

    private boolean over() {
        return flowsLeft.get() == 0 || failed.get() != null;
    }

    private void work() {
        while (!over()) {
            Task task = next();
            if (task != null) {
                try {
                    task.runOnce();
                } catch (Throwable t) {
                    failed.compareAndSet(null, t);
                    wakeAll();
                }
                continue;
            }
            Thread me = Thread.currentThread();
            parked.add(me);
            // Looked at again once listed: a task queued before this was listed is seen here, one queued after
            // finds this worker in the list and wakes it.
            if (runQueue.isEmpty() && !over()) {
                LockSupport.parkNanos(this, parkNanos);
            }
            parked.remove(me);
        }
    }

    /** @return the next task, looked for during {@link #SPIN_NANOS}; {@code null} when none came */
    private Task next() {
        Task task = runQueue.poll();
        if (task != null) {
            return task;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (System.nanoTime() - deadline < 0 && !over()) {
            Thread.onSpinWait();
            task = runQueue.poll();
            if (task != null) {
                return task;
            }
        }
        return null;
    }

    private void wakeOne() {
        Thread worker = parked.poll();
        if (worker != null) {
            LockSupport.unpark(worker);
        }
    }

    private void wakeAll() {
        for (Thread worker = parked.poll(); worker != null; worker = parked.poll()) {
            LockSupport.unpark(worker);
        }
    }

    /** A stage as a task: queued at most once at a time; it queues itself again while it has work. */
    private abstract class Task {
        private final AtomicBoolean queued = new AtomicBoolean();

        final void schedule() {
            if (queued.compareAndSet(false, true)) {
                runQueue.offer(this);
                wakeOne();
            }
        }

        final void runOnce() {
            Task next = step();
            queued.set(false);
            // Work that came while this ran found it still queued and did not queue it: looked for here.
            if (hasWork()) {
                schedule();
            }
            if (next != null && next.queued.compareAndSet(false, true)) {
                next.runOnce();
            }
        }

        /** @return a task for this worker to run next if no other worker has it, or {@code null} */
        abstract Task step();

        abstract boolean hasWork();
    }

    /** One flow: its two stages and the bounded queue between them. */
    private final class Link {
        private final FlowModel flow;
        private final ConcurrentLinkedQueue<Batch> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private volatile boolean produced;

        final Task source = new Task() {
            @Override
            Task step() {
                if (produced || queued.get() >= QUEUE_BATCHES) {
                    return null;
                }
                Batch batch = flow.produce();
                if (batch == null) {
                    produced = true;
                    return null;
                }
                queue.offer(batch);
                queued.incrementAndGet();
                if (local) {
                    return sink;
                }
                sink.schedule();
                return null;
            }

            @Override
            boolean hasWork() {
                return !produced && queued.get() < QUEUE_BATCHES;
            }
        };

        final Task sink = new Task() {
            @Override
            Task step() {
                Batch batch = queue.poll();
                if (batch == null) {
                    return null;
                }
                queued.decrementAndGet();
                flow.consume(batch);
                if (flow.consumedAll()) {
                    if (flowsLeft.decrementAndGet() == 0) {
                        wakeAll();
                    }
                    return null;
                }
                source.schedule();
                return null;
            }

            @Override
            boolean hasWork() {
                return !queue.isEmpty();
            }
        };

        Link(FlowModel flow) {
            this.flow = flow;
        }
    }
}
