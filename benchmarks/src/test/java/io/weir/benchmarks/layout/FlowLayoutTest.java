package io.weir.benchmarks.layout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import io.weir.benchmarks.codec.CodecData;

/** Both layouts of {@link ManyFlowsLayoutBenchmark} must move every event of every flow, or the comparison is void. */
public class FlowLayoutTest {
    private static final byte[][] LINES = CodecData.JSON_TREMOR.records();

    private static long run(FlowLayout layout, int flows, int quota, int cores) throws InterruptedException {
        FlowModel[] models = new FlowModel[flows];
        for (int i = 0; i < flows; i++) {
            models[i] = new FlowModel(i, LINES, CodecData.JSON_TREMOR.codec(), quota);
        }
        layout.run(models, cores);
        long bytes = 0;
        for (FlowModel model : models) {
            bytes += model.check();
        }
        return bytes;
    }

    @Test
    public void everyLayoutEncodesEveryEventOfEveryFlow() throws InterruptedException {
        // 1,000 events a flow: 15 full batches and a short one, and more lines than the data set has.
        long one = run(FlowLayout.THREAD_PER_STAGE, 1, 1000, 2);
        assertTrue("the events were encoded", one > 1000 * 100);
        assertEquals(one, run(FlowLayout.WORKERS, 1, 1000, 2));
        assertEquals(7 * one, run(FlowLayout.THREAD_PER_STAGE, 7, 1000, 2));
        assertEquals(7 * one, run(FlowLayout.WORKERS, 7, 1000, 3));
    }

    @Test(expected = IllegalStateException.class)
    public void aFlowThatDidNotFinishFailsItsCheck() {
        FlowModel model = new FlowModel(0, LINES, CodecData.JSON_TREMOR.codec(), 100);
        model.consume(model.produce());
        model.check();
    }
}
