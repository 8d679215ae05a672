package io.weir.connector.metronome.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;

import org.junit.Test;

public class MetronomeSourceTest {

    private static MetronomeSource metronome(Object intervalMs) {
        return new MetronomeSource(Configs.of(MetronomeConfig.class, Map.of("interval_ms", intervalMs)));
    }

    @Test
    public void emitsNumberedStructuredTicks() throws Exception {
        MetronomeSource source = metronome(5L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (out.items().size() < 3 && System.nanoTime() < deadline) {
            assertTrue(source.pull(out, 100));
        }
        assertEquals(3, out.items().size());
        for (int i = 0; i < 3; i++) {
            FakeSourceOutput.Item item = out.items().get(i);
            assertEquals("value", item.kind());
            assertEquals(0, item.stream());
            assertEquals(i, item.position());
            @SuppressWarnings("unchecked")
            Map<String, Object> tick = (Map<String, Object>) item.value();
            assertEquals("metronome", tick.get("onramp"));
            assertEquals((long) i, tick.get("id"));
            long ingest = (Long) tick.get("ingest_ns");
            long nowEpochNanos = System.currentTimeMillis() * 1_000_000L;
            assertTrue("ingest_ns is wall-clock nanoseconds", Math.abs(nowEpochNanos - ingest) < 60_000_000_000L);
        }
        source.close();
    }

    @Test
    public void pullReturnsWithinItsTimeoutWhenNoTickIsDue() throws Exception {
        MetronomeSource source = metronome(60_000L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        assertTrue(source.pull(out, 100));
        assertEquals("the first tick is immediate", 1, out.items().size());
        long start = System.nanoTime();
        assertTrue(source.pull(out, 50));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, out.items().size());
        assertTrue("waited " + tookMs + " ms", tookMs >= 40 && tookMs < 2_000);
    }

    @Test
    public void tickNumbersCarryOnAcrossAHotSwap() throws Exception {
        MetronomeSource old = metronome(1L);
        old.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        while (out.items().size() < 4) {
            old.pull(out, 100);
        }
        Map<String, Object> state = old.snapshot();
        old.close();

        MetronomeSource replacement = metronome(1L);
        replacement.open(new FakeSourceContext("test", state));
        FakeSourceOutput next = new FakeSourceOutput();
        while (next.items().isEmpty()) {
            replacement.pull(next, 100);
        }
        assertEquals(4L, next.items().get(0).position());
    }

    @Test
    public void reopeningAfterAFailureKeepsCounting() throws Exception {
        MetronomeSource source = metronome(1L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        while (out.items().size() < 2) {
            source.pull(out, 100);
        }
        source.close();
        source.open(new FakeSourceContext());
        while (out.items().size() < 3) {
            source.pull(out, 100);
        }
        assertEquals(2L, out.items().get(2).position());
    }

    @Test
    public void interruptedPullReturnsAndKeepsTheFlag() throws Exception {
        MetronomeSource source = metronome(60_000L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        source.pull(out, 10);
        Thread.currentThread().interrupt();
        try {
            assertTrue(source.pull(out, 10_000));
            assertTrue(Thread.interrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void rejectsAnIntervalBelowOneMillisecond() {
        try {
            metronome(0L);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("interval_ms"));
        }
    }

    @Test
    public void namesTheOptionWhenTheValueIsNotANumber() {
        // DS fails the conversion inside the accessor; the message must still name the option.
        MetronomeConfig broken = Configs.of(MetronomeConfig.class, Map.of());
        MetronomeConfig throwing = (MetronomeConfig) java.lang.reflect.Proxy.newProxyInstance(
                MetronomeConfig.class.getClassLoader(), new Class<?>[] {MetronomeConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("interval__ms")) {
                        throw new IllegalStateException("cannot convert \"often\" to long");
                    }
                    return m.invoke(broken, a);
                });
        try {
            new MetronomeSource(throwing);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("interval_ms"));
        }
    }
}
