package io.weir.runtime.internal.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;

/** A scripted source: each pull delivers what the test queued, and every call is recorded. */
public class FakeSource implements Source {
    public final LinkedBlockingQueue<Consumer<SourceOutput>> script = new LinkedBlockingQueue<>();
    public final AtomicInteger opens = new AtomicInteger();
    public final AtomicInteger closes = new AtomicInteger();
    public final AtomicInteger pauses = new AtomicInteger();
    public final AtomicInteger resumes = new AtomicInteger();
    public final AtomicInteger pulls = new AtomicInteger();
    public final AtomicInteger pullsWhilePaused = new AtomicInteger();
    public final List<Long> acked = new CopyOnWriteArrayList<>();
    public final List<Long> failed = new CopyOnWriteArrayList<>();
    public final List<Long> openTimes = new CopyOnWriteArrayList<>();
    public volatile IntFunction<Throwable> pullFailure = n -> null;
    public volatile int openFailures;
    public volatile boolean endAfterScript;
    /** At most this many scripted steps per pull, as a real source reads a bounded amount per call. */
    public volatile int perPull = 50;
    public volatile SourceContext context;
    private volatile boolean paused;

    /** Queues one line of text on a stream. */
    public FakeSource line(long stream, long position, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        script.add(out -> out.data(stream, position, bytes, 0, bytes.length, Map.of("pos", position)));
        return this;
    }

    /** Queues raw text (no separator added) on a stream. */
    public FakeSource data(long stream, long position, String text) {
        return line(stream, position, text);
    }

    /** Queues one structured value. */
    public FakeSource value(long stream, long position, Object value) {
        script.add(out -> out.value(stream, position, value, Map.of()));
        return this;
    }

    /** Queues a stream end. */
    public FakeSource end(long stream) {
        script.add(out -> out.streamEnd(stream));
        return this;
    }

    @Override
    public void open(SourceContext context) throws Exception {
        this.context = context;
        opens.incrementAndGet();
        openTimes.add(System.nanoTime());
        paused = false;
        if (openFailures > 0) {
            openFailures--;
            throw new IllegalStateException("cannot open now");
        }
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) throws Exception {
        int n = pulls.incrementAndGet();
        if (paused) {
            pullsWhilePaused.incrementAndGet();
        }
        Throwable failure = pullFailure.apply(n);
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        Consumer<SourceOutput> step = script.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        int steps = 0;
        while (step != null) {
            step.accept(output);
            // As a real source that keeps its place: it stops when the runtime has no room for more.
            step = ++steps < perPull && !output.full() ? script.poll() : null;
        }
        return !(endAfterScript && script.isEmpty());
    }

    @Override
    public void ack(long stream, long position) {
        acked.add(position);
    }

    @Override
    public void fail(long stream, long position) {
        failed.add(position);
    }

    @Override
    public void pause() {
        paused = true;
        pauses.incrementAndGet();
    }

    @Override
    public void resume() {
        paused = false;
        resumes.incrementAndGet();
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of("pulls", (long) pulls.get());
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
