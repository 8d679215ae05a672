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

/** Both layouts of {@link ManyFlowsLayoutBenchmark} must move every event of every flow, or the comparison is void. */
public class FlowLayoutTest {
    private static final byte[][] LINES = CodecData.JSON_TREMOR.records();

    private static long run(FlowLayout layout, int flows, int quota, int cores, Codec codec)
            throws InterruptedException {
        FlowModel[] models = new FlowModel[flows];
        for (int i = 0; i < flows; i++) {
            models[i] = new FlowModel(i, LINES, codec, quota);
        }
        layout.run(models, cores);
        long bytes = 0;
        for (FlowModel model : models) {
            bytes += model.check();
        }
        return bytes;
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
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                assertEquals(layout.toString(), "no encoding today", root.getMessage());
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
                throw new CodecException("no encoding today");
            };
        }
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
