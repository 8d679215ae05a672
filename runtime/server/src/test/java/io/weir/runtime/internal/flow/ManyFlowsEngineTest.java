package io.weir.runtime.internal.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.LineCodec;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

/** Starting and stopping many flows costs about one flow's time per flow, not the square of their number. */
public class ManyFlowsEngineTest {
    private static final int FLOWS = 40;
    private static final long CLOSE_MILLIS = 250;

    private final EngineFixture fx = new EngineFixture().withPlugins();
    private final CountingCodec codec = new CountingCodec();

    @After
    public void stop() {
        fx.close();
    }

    /** A sink that takes its time to close, as one writing a report or flushing a file does. */
    private static final class SlowClosingSink extends FakeSink {
        @Override
        public void close() {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(CLOSE_MILLIS));
            super.close();
        }
    }

    private static final class CountingCodec extends LineCodec {
        final AtomicInteger created = new AtomicInteger();

        @Override
        public Decoder decoder(Map<String, Object> options) {
            created.incrementAndGet();
            return super.decoder(options);
        }

        @Override
        public Encoder encoder(Map<String, Object> options) {
            created.incrementAndGet();
            return super.encoder(options);
        }
    }

    private List<FakeSink> startFlows() {
        fx.engine.pluginAdded(PluginKind.CODEC, "counted", codec, fx.ids.incrementAndGet(), 0, "test.codecs 1.0.0");
        List<FakeSink> sinks = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            FakeSource source = new FakeSource();
            source.line(0, 0, "hello " + i + "\n");
            SlowClosingSink sink = new SlowClosingSink();
            sinks.add(sink);
            fx.source("in" + i, source, "codec", "counted", "preprocessors", "split", "batch.timeout_ms", "1");
            fx.sink("out" + i, sink, "codec", "counted", "postprocessors", "newline");
            fx.flow("f" + i, "source/in" + i + " -> sink/out" + i);
        }
        Wait.until("every sink opened", () -> sinks.stream().allMatch(s -> s.opens.get() == 1));
        return sinks;
    }

    @Test
    public void aRunningSetupIsNotProbedAgainWhenOtherFlowsCome() {
        startFlows();
        // Each source and sink is probed once when it starts (one decoder or encoder) and its manager makes one
        // per stream. Probing every running node on every change made this about FLOWS * FLOWS * 3.
        int created = codec.created.get();
        assertTrue("codec instances created for " + FLOWS + " flows: " + created, created <= FLOWS * 2 * 3);
        assertTrue(fx.problems.toString(), fx.problems.isEmpty());
    }

    @Test
    public void closingStopsTheFlowsTogetherNotOneAfterAnother() {
        List<FakeSink> sinks = startFlows();
        long started = System.nanoTime();
        fx.engine.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        for (FakeSink sink : sinks) {
            assertEquals(1, sink.closes.get());
        }
        // One after another this takes FLOWS * CLOSE_MILLIS = 10 s; together about CLOSE_MILLIS.
        assertTrue("closing " + FLOWS + " flows took " + millis + " ms", millis < FLOWS * CLOSE_MILLIS / 4);
    }

    @Test
    public void closingTwiceActsOnce() {
        List<FakeSink> sinks = startFlows();
        fx.engine.close();
        fx.engine.close();
        for (FakeSink sink : sinks) {
            assertEquals(1, sink.closes.get());
        }
    }
}
