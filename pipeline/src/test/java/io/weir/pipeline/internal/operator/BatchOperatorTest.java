package io.weir.pipeline.internal.operator;

import static io.weir.pipeline.testing.Events.event;
import static io.weir.pipeline.testing.Events.id;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.pipeline.testing.FakeClock;
import io.weir.pipeline.testing.RecordingEmitter;
import io.weir.pipeline.testing.TestContext;

public class BatchOperatorTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingEmitter out = new RecordingEmitter();
    private final BatchOperator batch = new BatchOperator(3, TimeUnit.MILLISECONDS.toNanos(100), clock);

    @Test
    public void exactlyCountEventsMakeOneBatchThatCarriesEveryId() throws Exception {
        batch.process(event(1, 30L, "a"), out);
        batch.process(event(2, 10L, "b"), out);
        assertTrue(out.emitted.isEmpty());
        batch.process(event(3, 20L, "c"), out);
        assertEquals(1, out.emitted.size());
        Event merged = out.emitted.get(0);
        assertEquals("out", out.ports.get(0));
        assertEquals(List.of("a", "b", "c"), merged.value());
        assertEquals(List.of(id(1), id(2), id(3)), merged.ids());
        assertEquals(10L, merged.ingestNanos());
        batch.process(event(4, "d"), out);
        assertEquals(1, out.emitted.size());
    }

    @Test
    public void aTickAtTheTimeoutFlushesAPartialBatch() throws Exception {
        batch.process(event(1, "a"), out);
        clock.advanceMillis(50);
        batch.process(event(2, "b"), out);
        batch.tick(clock.advanceMillis(49), out);
        assertTrue(out.emitted.isEmpty());
        batch.tick(clock.advanceMillis(1), out);
        assertEquals(List.of(List.of("a", "b")), out.values());
        batch.tick(clock.advanceMillis(1000), out);
        assertEquals(1, out.emitted.size());
    }

    @Test
    public void anEventArrivingAfterTheTimeoutFlushesFirstAndStartsANewBatch() throws Exception {
        batch.process(event(1, "a"), out);
        clock.advanceMillis(100);
        batch.process(event(2, "b"), out);
        assertEquals(List.of(List.of("a")), out.values());
        batch.tick(clock.advanceMillis(99), out);
        assertEquals(1, out.emitted.size());
        batch.tick(clock.advanceMillis(1), out);
        assertEquals(List.of(List.of("a"), List.of("b")), out.values());
    }

    @Test
    public void closeFlushesWhatIsHeld() throws Exception {
        batch.close(out);
        assertTrue(out.emitted.isEmpty());
        batch.process(event(1, "a"), out);
        batch.close(out);
        assertEquals(List.of(List.of("a")), out.values());
    }

    @Test
    public void aBatchOfOnePassesEachEventThrough() throws Exception {
        BatchOperator single = new BatchOperator(1, TimeUnit.SECONDS.toNanos(1), clock);
        single.process(event(1, "a"), out);
        single.process(event(2, "b"), out);
        assertEquals(List.of(List.of("a"), List.of("b")), out.values());
    }

    @Test
    public void optionsAreChecked() {
        BatchOperatorFactory factory = new BatchOperatorFactory();
        factory.create(new TestContext("b"), Map.of());
        assertEquals("node.b.count: 0 is too small; the least is 1", assertThrows(IllegalArgumentException.class,
                () -> factory.create(new TestContext("b"), Map.of("count", "0"))).getMessage());
        assertEquals("node.b.count: 'ten' is not a whole number", assertThrows(IllegalArgumentException.class,
                () -> factory.create(new TestContext("b"), Map.of("count", "ten"))).getMessage());
        assertEquals("node.b.timeout: '5' is not a duration; write a number and a unit: ns, us, ms, s, m or h, "
                + "for example 500ms", assertThrows(IllegalArgumentException.class,
                        () -> factory.create(new TestContext("b"), Map.of("timeout", "5"))).getMessage());
        assertEquals("node.b.timeout: '10us' is out of range; give between 1ms and 365 days",
                assertThrows(IllegalArgumentException.class,
                        () -> factory.create(new TestContext("b"), Map.of("timeout", "10us"))).getMessage());
    }
}
