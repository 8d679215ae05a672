package io.weir.benchmarks.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.weir.runtime.internal.manager.Batch;

/** Who runs the stages of the flows of {@link ManyFlowsLayoutBenchmark}. */
public enum FlowLayout {
    /**
     * As the runtime with {@code weir.scheduler = threads}: a thread per stage, the batches handed over
     * through the flow's {@code Inbox}.
     */
    THREAD_PER_STAGE {
        @Override
        void run(FlowModel[] flows, int cores) throws InterruptedException {
            AtomicReference<Throwable> failed = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (FlowModel flow : flows) {
                threads.add(thread("model-source-" + flow.index(), failed, () -> {
                    for (Batch batch = flow.produce(); batch != null && failed.get() == null; batch = flow.produce()) {
                        if (!flow.inbox.put(batch, () -> failed.get() != null)) {
                            return;
                        }
                    }
                }));
                threads.add(thread("model-sink-" + flow.index(), failed, () -> {
                    while (!flow.consumedAll() && failed.get() == null) {
                        Batch batch = flow.inbox.poll(POLL_NANOS);
                        if (batch != null) {
                            flow.consume(batch);
                        }
                    }
                }));
            }
            // They look at failed between batches and every few milliseconds while they wait: nothing to wake.
            startAndJoin(threads, failed, () -> { });
        }
    },
    /**
     * One worker per core; a worker takes the next flow that is ready, runs one batch through its
     * source and its sink, and puts the flow back at the end of the line.
     */
    WORKERS {
        @Override
        void run(FlowModel[] flows, int cores) throws InterruptedException {
            AtomicReference<Throwable> failed = new AtomicReference<>();
            ConcurrentLinkedQueue<FlowModel> ready = new ConcurrentLinkedQueue<>(List.of(flows));
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < cores; i++) {
                threads.add(thread("model-worker-" + i, failed, () -> {
                    for (FlowModel flow = ready.poll(); flow != null && failed.get() == null; flow = ready.poll()) {
                        Batch batch = flow.produce();
                        if (batch != null) {
                            flow.consume(batch);
                            ready.offer(flow);
                        }
                    }
                }));
            }
            // They look at failed between batches and never wait: nothing to wake.
            startAndJoin(threads, failed, () -> { });
        }
    },
    /**
     * One worker per core, each stage a task queued when it has work (see {@link StageTasks}): one flow's
     * stages still run on both cores at once.
     */
    STAGE_TASKS {
        @Override
        void run(FlowModel[] flows, int cores) throws InterruptedException {
            StageTasks.run(flows, cores, StageTasks.PARK_NANOS, false);
        }
    },
    /**
     * As {@link #STAGE_TASKS}, but the worker that made a batch encodes it itself when the flow's sink
     * is free, so the batch stays in that core's cache; the source's next batch is queued for another worker.
     */
    STAGE_TASKS_LOCAL {
        @Override
        void run(FlowModel[] flows, int cores) throws InterruptedException {
            StageTasks.run(flows, cores, StageTasks.PARK_NANOS, true);
        }
    },
    /**
     * Each source on a thread of its own as in the runtime, each sink a task on one worker per core: what
     * the runtime gets when only the nodes that never wait for the outside world become tasks.
     */
    SINK_TASKS {
        @Override
        void run(FlowModel[] flows, int cores) throws InterruptedException {
            StageTasks.runSinkTasks(flows, cores, StageTasks.PARK_NANOS);
        }
    };

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Runs every flow to its quota; a stage that throws stops them all and the exception is thrown here. */
    abstract void run(FlowModel[] flows, int cores) throws InterruptedException;

    /** A thread whose failure is recorded, so that the stages waiting on it give up instead of waiting for ever. */
    private static Thread thread(String name, AtomicReference<Throwable> failed, Runnable stage) {
        return new Thread(() -> {
            try {
                stage.run();
            } catch (Throwable t) {
                failed.compareAndSet(null, t);
            }
        }, name);
    }

    /**
     * Starts the threads and waits for them; if this wait is interrupted, the threads are told through
     * {@code failed} and woken with {@code wake}, so that they do not go on alone.
     *
     * @throws IllegalStateException carrying the first failure of a thread
     */
    static void startAndJoin(List<Thread> threads, AtomicReference<Throwable> failed, Runnable wake)
            throws InterruptedException {
        for (Thread thread : threads) {
            thread.start();
        }
        boolean joined = false;
        try {
            for (Thread thread : threads) {
                thread.join();
            }
            joined = true;
        } finally {
            if (!joined) {
                failed.compareAndSet(null, new InterruptedException("the run was interrupted"));
                wake.run();
            }
        }
        Throwable thrown = failed.get();
        if (thrown != null) {
            throw new IllegalStateException("a stage of the model failed: " + thrown, thrown);
        }
    }
}
