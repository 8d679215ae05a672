package io.weir.benchmarks.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.weir.runtime.internal.manager.Batch;

/** Who runs the stages of the flows of {@link ManyFlowsLayoutBenchmark}. */
public enum FlowLayout {
    /** As the runtime: a thread per stage, the batches handed over through the flow's {@code Inbox}. */
    THREAD_PER_STAGE {
        @Override
        void run(FlowModel[] flows, int cores) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (FlowModel flow : flows) {
                threads.add(new Thread(() -> {
                    for (Batch batch = flow.produce(); batch != null; batch = flow.produce()) {
                        flow.inbox.put(batch, () -> false);
                    }
                }, "model-source"));
                threads.add(new Thread(() -> {
                    while (!flow.consumedAll()) {
                        Batch batch = flow.inbox.poll(POLL_NANOS);
                        if (batch != null) {
                            flow.consume(batch);
                        }
                    }
                }, "model-sink"));
            }
            startAndJoin(threads);
        }
    },
    /**
     * One worker per core; a worker takes the next flow that is ready, runs one batch through its
     * source and its sink, and puts the flow back at the end of the line.
     */
    WORKERS {
        @Override
        void run(FlowModel[] flows, int cores) throws InterruptedException {
            ConcurrentLinkedQueue<FlowModel> ready = new ConcurrentLinkedQueue<>(List.of(flows));
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < cores; i++) {
                threads.add(new Thread(() -> {
                    for (FlowModel flow = ready.poll(); flow != null; flow = ready.poll()) {
                        Batch batch = flow.produce();
                        if (batch != null) {
                            flow.consume(batch);
                            ready.offer(flow);
                        }
                    }
                }, "model-worker"));
            }
            startAndJoin(threads);
        }
    };

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    abstract void run(FlowModel[] flows, int cores) throws InterruptedException;

    private static void startAndJoin(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
