package io.weir.benchmarks.layout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.Test;

import io.weir.api.codec.Codec;
import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.benchmarks.codec.CodecData;

/** Every layout of {@link ManyFlowsLayoutBenchmark} must move every event of every flow, or the comparison is void. */
public class FlowLayoutTest {
    private static final byte[][] LINES = CodecData.JSON_TREMOR.records();

    private static long run(FlowLayout layout, int flows, int quota, int cores, Codec codec)
            throws InterruptedException {
        FlowModel[] models = FlowModel.flows(flows, LINES, codec, quota);
        layout.run(models, cores);
        return FlowModel.checkAll(models);
    }

    @Test(timeout = 60_000)
    public void everyLayoutEncodesEveryEventOfEveryFlow() throws InterruptedException {
        Codec json = CodecData.JSON_TREMOR.codec();
        // 1,000 events a flow: 15 full batches and a short one, more than the data set's lines, and more than the
        // inbox's byte bound holds, so that the source waits for room.
        long one = run(FlowLayout.THREAD_PER_STAGE, 1, 1000, 2, json);
        assertTrue("the events were encoded", one > 1000 * 100);
        for (FlowLayout layout : FlowLayout.values()) {
            assertEquals(layout.toString(), one, run(layout, 1, 1000, 2, json));
            assertEquals(layout.toString(), 7 * one, run(layout, 7, 1000, 2, json));
            assertEquals(layout.toString(), 7 * one, run(layout, 7, 1000, 3, json));
        }
    }

    @Test(timeout = 60_000)
    public void aStageThatFailsEndsTheRunWithItsErrorInsteadOfHangingIt() throws InterruptedException {
        for (FlowLayout layout : FlowLayout.values()) {
            try {
                run(layout, 1, 5000, 2, new SinkFailingWhenSourceWaits(layout == FlowLayout.THREAD_PER_STAGE));
                fail(layout + " ran to its end with a sink that cannot encode");
            } catch (IllegalStateException e) {
                assertTrue(layout + ": " + e.getMessage(), e.getMessage().startsWith("a stage of the model failed: "));
                assertEquals(layout.toString(), "no encoding today", rootMessage(e));
            }
        }
    }

    /**
     * JSON whose encoder fails at once, or, with a thread per stage, once the source has decoded four batches: the
     * source has then filled the inbox (two batches of Tremor's events fill its 256 KiB) and waits for room that the
     * failed sink will never make. The run must end anyway.
     */
    private static final class SinkFailingWhenSourceWaits implements Codec {
        private final Codec json = CodecData.JSON_TREMOR.codec();
        private final AtomicInteger decoded = new AtomicInteger();
        private final boolean waitForSource;

        SinkFailingWhenSourceWaits(boolean waitForSource) {
            this.waitForSource = waitForSource;
        }

        @Override
        public Decoder decoder(Map<String, Object> options) {
            Decoder decoder = json.decoder(options);
            return (data, offset, length) -> {
                decoded.incrementAndGet();
                return decoder.decode(data, offset, length);
            };
        }

        @Override
        public Encoder encoder(Map<String, Object> options) {
            return value -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (waitForSource && decoded.get() < 4 * FlowModel.BATCH && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
                // Failing for another reason would let the test pass without the source ever waiting.
                throw new CodecException(waitForSource && decoded.get() < 4 * FlowModel.BATCH
                        ? "the source never filled the inbox" : "no encoding today");
            };
        }
    }

    /** Parked workers wait without end here: a wake-up the scheduler forgets hangs the run into the time-out. */
    @Test(timeout = 60_000)
    public void stageTasksWakeTheirWorkersWithoutTheParkTimeOut() throws InterruptedException {
        Codec json = CodecData.JSON_TREMOR.codec();
        for (boolean local : new boolean[] {false, true}) {
            for (int[] flowsAndCores : new int[][] {{1, 2}, {1, 3}, {7, 2}, {7, 3}}) {
                FlowModel[] models = FlowModel.flows(flowsAndCores[0], LINES, json, 1000);
                StageTasks.run(models, flowsAndCores[1], Long.MAX_VALUE, local);
                FlowModel.checkAll(models);
            }
            // A flow with nothing to do is done before it starts, alone or beside others.
            StageTasks.run(FlowModel.flows(2, LINES, json, 0), 2, Long.MAX_VALUE, local);
            FlowModel[] mixed = {new FlowModel(0, LINES, json, 0), new FlowModel(1, LINES, json, 500)};
            StageTasks.run(mixed, 2, Long.MAX_VALUE, local);
            mixed[1].check();
        }
    }

    /** The sink fails only once the other worker has parked: the failure must wake it, or the run never ends. */
    @Test(timeout = 60_000)
    public void aFailureWakesAParkedWorker() throws InterruptedException {
        Codec json = CodecData.JSON_TREMOR.codec();
        Codec failingOnceAWorkerParks = new Codec() {
            @Override
            public Decoder decoder(Map<String, Object> options) {
                return json.decoder(options);
            }

            @Override
            public Encoder encoder(Map<String, Object> options) {
                return value -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!aWorkerParks() && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                    }
                    throw new CodecException(aWorkerParks() ? "no encoding today" : "no worker parked");
                };
            }
        };
        for (boolean local : new boolean[] {false, true}) {
            try {
                StageTasks.run(FlowModel.flows(1, LINES, failingOnceAWorkerParks, 5000), 2, Long.MAX_VALUE, local);
                fail("ran to its end with a sink that cannot encode");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("a stage of the model failed: "));
                assertEquals("no encoding today", rootMessage(e));
            }
        }
    }

    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static boolean aWorkerParks() {
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            Thread.State state = thread.getKey().getState();
            if (thread.getKey().getName().startsWith("model-task-worker-")
                    && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void aFlowThatDidNotFinishFailsItsCheck() {
        FlowModel model = new FlowModel(0, LINES, CodecData.JSON_TREMOR.codec(), 100);
        model.consume(model.produce());
        try {
            model.check();
            fail("64 of 100 events went through");
        } catch (IllegalStateException e) {
            assertEquals("flow 0: produced 64, consumed 64 of 100", e.getMessage());
        }
    }
}
