package io.weir.runtime.internal.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;

/** A sink that records what it took and can be told to fail, block, defer or refuse. */
public class FakeSink implements Sink {
    public final List<Object> values = new CopyOnWriteArrayList<>();
    public final List<io.weir.api.event.Event> events = new CopyOnWriteArrayList<>();
    public final List<String> frames = new CopyOnWriteArrayList<>();
    public final List<Delivery> deferred = new CopyOnWriteArrayList<>();
    public final AtomicInteger opens = new AtomicInteger();
    public final AtomicInteger closes = new AtomicInteger();
    public final AtomicInteger flushes = new AtomicInteger();
    public final List<Long> openTimes = new CopyOnWriteArrayList<>();
    public volatile int openFailures;
    public volatile Predicate<Object> failWriteIf = v -> false;
    public volatile int flushFailures;
    public volatile boolean defer;
    public volatile CountDownLatch gate;
    public volatile SinkContext context;

    @Override
    public void open(SinkContext context) throws Exception {
        this.context = context;
        opens.incrementAndGet();
        openTimes.add(System.nanoTime());
        if (openFailures > 0) {
            openFailures--;
            throw new IllegalStateException("cannot open now");
        }
    }

    @Override
    public void write(SinkEvent event) throws Exception {
        CountDownLatch wait = gate;
        if (wait != null) {
            wait.await(30, TimeUnit.SECONDS);
        }
        Object value = event.event().value();
        if (failWriteIf.test(value)) {
            throw new java.io.IOException("cannot write " + value);
        }
        values.add(value);
        events.add(event.event());
        for (byte[] frame : event.frames()) {
            frames.add(new String(frame, StandardCharsets.UTF_8));
        }
        if (defer) {
            deferred.add(event.defer());
        }
    }

    @Override
    public void flush() throws Exception {
        flushes.incrementAndGet();
        if (flushFailures > 0) {
            flushFailures--;
            throw new java.io.IOException("disk full");
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
