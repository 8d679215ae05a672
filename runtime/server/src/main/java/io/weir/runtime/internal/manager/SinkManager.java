package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.api.processor.Processor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink instance on its own thread: opens it (again, with exponential backoff, after any
 * failure), takes batches from its inbox, encodes each event with the stream's encoder and
 * postprocessors, writes it, flushes once per batch and acknowledges what the flush made durable.
 * Events the sink defers are completed by the sink or failed after the delivery timeout.
 *
 * <p>The breaker is open while the sink is not open, while it says it is unavailable, and after it
 * lost its connection; the sources feeding it pause meanwhile, and the manager stops taking from the
 * inbox, so nothing is lost and nothing piles up beyond the inbox.
 */
public final class SinkManager extends ManagerThread {
    private static final Logger LOG = LoggerFactory.getLogger(SinkManager.class);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final SinkSlot slot;
    private final SinkSetup setup;
    private final Sink sink;
    private final Map<String, Object> restoredState;
    private final Backoff backoff;
    private final FailureLog failures;
    private final Context context = new Context();
    private final long deliveryTimeoutNanos;
    private final Map<StreamKey, EncodeChain> streams = new HashMap<>();
    private final ConcurrentLinkedQueue<Deferred> deferred = new ConcurrentLinkedQueue<>();
    private final List<Written> written = new ArrayList<>();
    private final List<Batch> taken = new ArrayList<>();
    private String lastSource;
    private long lastStream;
    private EncodeChain lastChain;
    private volatile boolean open;
    private volatile String unavailable;
    private volatile String lost;
    private volatile String failure;
    private long nextAttemptNanos;
    /** Whether a failure scheduled the next attempt; {@code nanoTime} values compare only by difference. */
    private boolean retrying;
    private long openedNanos;

    /**
     * @param slot          the sink's place in the flows
     * @param setup         the instance and its options and plugins
     * @param restoredState the state to hand to the instance when it opens
     */
    public SinkManager(SinkSlot slot, SinkSetup setup, Map<String, Object> restoredState) {
        super(slot.label(), "weir-sink-" + slot.name());
        this.slot = slot;
        this.setup = setup;
        this.sink = setup.sink();
        this.restoredState = restoredState == null ? Map.of() : restoredState;
        this.backoff = new Backoff(setup.options().backoffMillis(), setup.options().maxBackoffMillis());
        this.failures = new FailureLog(LOG, label);
        this.deliveryTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(setup.options().deliveryTimeoutMillis());
    }

    /** @return the setup this manager runs */
    public SinkSetup setup() {
        return setup;
    }

    /** @return consecutive failures of the instance */
    public int failures() {
        return backoff.failures();
    }

    /** @return events handed to the sink with {@code defer()} and not completed yet */
    public int deferredCount() {
        int n = 0;
        for (Deferred d : deferred) {
            if (!d.done.get()) {
                n++;
            }
        }
        return n;
    }

    /** @return how long {@link #stop} should wait: a batch, finishing streams and closing */
    public long stopTimeoutMillis() {
        return 2 * setup.options().closeTimeoutMillis() + 1000;
    }

    @Override
    protected void wakeUp() {
        super.wakeUp();
        slot.inbox().wake();
    }

    @Override
    protected void run() {
        updateBreaker();
        while (!stopping) {
            step();
        }
        shutdown();
    }

    private void step() {
        long now = System.nanoTime();
        if (!open) {
            if (retrying && now - nextAttemptNanos < 0) {
                idle(nextAttemptNanos - now);
            } else {
                open(now);
            }
            return;
        }
        String lostNow = lost;
        if (lostNow != null) {
            long delay = backoff.failed(now);
            failures.reported("connection lost: " + lostNow, delay);
            lastError("connection lost: " + lostNow);
            closeAndRetry(now, delay, "connection lost: " + lostNow);
            return;
        }
        expireDeferred(now);
        String unavailableNow = unavailable;
        if (unavailableNow != null) {
            state(NodeState.PAUSED, "unavailable: " + unavailableNow);
            idle(IDLE_NANOS);
            return;
        }
        state(NodeState.RUNNING, null);
        if (backoff.failures() > 0 && now - openedNanos >= TimeUnit.MILLISECONDS.toNanos(
                setup.options().maxBackoffMillis())) {
            failures.recovered();
        }
        Batch batch = slot.inbox().poll(waitNanos(now));
        if (batch != null) {
            deliver(batch);
        }
    }

    private long waitNanos(long now) {
        Deferred oldest = deferred.peek();
        long wait = IDLE_NANOS;
        if (oldest != null) {
            wait = Math.min(wait, Math.max(0, oldest.deadlineNanos - now));
        }
        return wait;
    }

    private void open(long now) {
        state(NodeState.STARTING, null);
        lost = null;
        unavailable = null;
        try {
            sink.open(context);
        } catch (Throwable t) {
            failed("open", t);
            return;
        }
        open = true;
        failure = null;
        openedNanos = now;
        backoff.up(now);
        if (backoff.failures() > 0) {
            LOG.info("{}: open again after {} failure(s)", label, backoff.failures());
        }
        updateBreaker();
    }

    private void deliver(Batch first) {
        int limit = setup.options().batchSize();
        taken.add(first);
        int count = first.size();
        while (count < limit) {
            Batch next = slot.inbox().poll(0);
            if (next == null) {
                break;
            }
            taken.add(next);
            count += next.size();
        }
        try {
            for (int b = 0; b < taken.size(); b++) {
                Batch batch = taken.get(b);
                for (int i = 0; i < batch.size(); i++) {
                    Event event = batch.event(i);
                    boolean ok = event == null ? endStream((StreamEnd) batch.tokens(i))
                            : write(event, batch.tokens(i));
                    if (!ok) {
                        // The sink failed: what it did not acknowledge is failed, as the SPI says.
                        failRest(b, i + 1);
                        return;
                    }
                }
            }
            try {
                sink.flush();
            } catch (Throwable t) {
                failWritten();
                failed("flush", t);
                return;
            }
            ackWritten();
        } finally {
            taken.clear();
        }
    }

    private boolean write(Event event, Object tokens) {
        slot.counters().in.increment();
        EncodeChain chain = chain(event.id());
        List<byte[]> frames;
        try {
            if (chain == null) {
                throw new EncodeChain.EncodeException(lastError(), null);
            }
            frames = chain.encode(event.value());
        } catch (EncodeChain.EncodeException e) {
            lastError(e.getMessage());
            slot.counters().err.increment();
            Tokens.release(tokens, false);
            if (chain != null && chain.isBroken()) {
                dropChain(event.id());
            }
            return true;
        }
        Written item = new Written(event, frames, tokens);
        try {
            sink.write(item);
        } catch (Throwable t) {
            written.add(item);
            failWritten();
            failed("write", t);
            return false;
        }
        written.add(item);
        return true;
    }

    private boolean endStream(StreamEnd end) {
        StreamKey key = new StreamKey(end.source(), end.stream());
        EncodeChain chain = streams.remove(key);
        if (lastChain == chain) {
            lastChain = null;
            lastSource = null;
        }
        if (chain == null) {
            return true;
        }
        List<byte[]> frames;
        try {
            frames = chain.finish();
        } catch (EncodeChain.EncodeException e) {
            lastError(e.getMessage());
            return true;
        }
        if (frames.isEmpty()) {
            return true;
        }
        Map<String, Object> meta = new HashMap<>();
        meta.put("stream_end", true);
        Event tail = new Event(new EventId(end.source(), end.stream(), -1, -1), System.nanoTime(), null, meta);
        Written item = new Written(tail, frames, null);
        try {
            sink.write(item);
        } catch (Throwable t) {
            failWritten();
            failed("write", t);
            return false;
        }
        written.add(item);
        return true;
    }

    private EncodeChain chain(EventId id) {
        if (lastChain != null && id.source() == lastSource && id.stream() == lastStream) {
            return lastChain;
        }
        StreamKey key = new StreamKey(id.source(), id.stream());
        EncodeChain chain = streams.get(key);
        if (chain == null) {
            try {
                chain = newChain();
            } catch (RuntimeException e) {
                lastError("cannot create the encode chain: " + e);
                return null;
            }
            streams.put(key, chain);
        }
        lastSource = id.source();
        lastStream = id.stream();
        lastChain = chain;
        return chain;
    }

    private void dropChain(EventId id) {
        streams.remove(new StreamKey(id.source(), id.stream()));
        lastChain = null;
        lastSource = null;
    }

    private EncodeChain newChain() {
        List<Processor> processors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ProcessorStep step : setup.postprocessors()) {
            processors.add(step.create());
            names.add(step.name());
        }
        ManagerOptions options = setup.options();
        return new EncodeChain(setup.codec() == null ? null : setup.codec().encoder(options.codecOptions()),
                options.codec(), processors, names);
    }

    private void ackWritten() {
        long now = System.nanoTime();
        for (Written item : written) {
            if (item.claimForManager()) {
                item.complete(true, now);
            }
        }
        written.clear();
    }

    private void failWritten() {
        for (Written item : written) {
            if (item.claimForManager()) {
                item.complete(false, 0);
            }
        }
        written.clear();
    }

    private void failRest(int batchIndex, int from) {
        for (int b = batchIndex; b < taken.size(); b++) {
            Batch batch = taken.get(b);
            for (int i = b == batchIndex ? from : 0; i < batch.size(); i++) {
                if (batch.event(i) != null) {
                    slot.counters().in.increment();
                    slot.counters().err.increment();
                    Tokens.release(batch.tokens(i), false);
                }
            }
        }
    }

    private void expireDeferred(long now) {
        Deferred head;
        while ((head = deferred.peek()) != null) {
            if (head.done.get()) {
                deferred.poll();
            } else if (now - head.deadlineNanos >= 0) {
                deferred.poll();
                head.fail("not completed within delivery.timeout_ms ("
                        + setup.options().deliveryTimeoutMillis() + " ms)");
            } else {
                return;
            }
        }
    }

    private void failDeferred(String reason) {
        Deferred d;
        while ((d = deferred.poll()) != null) {
            d.fail(reason);
        }
    }

    private void failed(String call, Throwable t) {
        long now = System.nanoTime();
        long delay = backoff.failed(now);
        String line = failures.failed(call, t, delay);
        lastError(line);
        Thread.interrupted();
        closeAndRetry(now, delay, line);
    }

    private void closeAndRetry(long now, long delayNanos, String why) {
        failure = why;
        open = false;
        updateBreaker();
        failWritten();
        closeQuietly();
        failDeferred("the sink was closed before completing it");
        streams.clear();
        lastChain = null;
        lastSource = null;
        lost = null;
        nextAttemptNanos = now + delayNanos;
        retrying = true;
        state(NodeState.FAILED, why + "; opening again in " + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms");
    }

    private void closeQuietly() {
        try {
            sink.close();
        } catch (Throwable t) {
            LOG.warn("{}: close failed: {}", label, t.toString());
        }
    }

    private void shutdown() {
        if (open) {
            List<StreamKey> keys = new ArrayList<>(streams.keySet());
            boolean ok = true;
            for (StreamKey key : keys) {
                if (ok) {
                    ok = endStream(new StreamEnd(key.source(), key.stream()));
                }
            }
            if (ok && !written.isEmpty()) {
                try {
                    sink.flush();
                    ackWritten();
                } catch (Throwable t) {
                    failWritten();
                    LOG.warn("{}: the last flush failed: {}", label, t.toString());
                }
            }
            if (open) {
                try {
                    slot.lastState(sink.snapshot());
                } catch (Throwable t) {
                    LOG.warn("{}: snapshot failed, its state is not handed over: {}", label, t.toString());
                }
                open = false;
                closeQuietly();
            }
        }
        failDeferred("the sink was closed before completing it");
        slot.breaker().open("is stopped");
    }

    /** Recomputes the breaker from the sink's state; called from the manager thread and the sink's own threads. */
    private synchronized void updateBreaker() {
        String reason;
        if (!open) {
            String failed = failure;
            reason = failed == null ? "is not open yet" : "failed: " + failed;
        } else if (lost != null) {
            reason = "lost its connection: " + lost;
        } else if (unavailable != null) {
            reason = "is unavailable: " + unavailable;
        } else {
            reason = null;
        }
        if (reason == null) {
            slot.breaker().close();
        } else {
            slot.breaker().open(reason);
        }
    }

    private record StreamKey(String source, long stream) {
    }

    /** One event handed to the sink, completed by the manager after the flush unless the sink deferred it. */
    private final class Written implements SinkEvent {
        private final Event event;
        private final List<byte[]> frames;
        private final Object tokens;
        private Deferred delivery;
        private boolean managed;

        Written(Event event, List<byte[]> frames, Object tokens) {
            this.event = event;
            this.frames = frames;
            this.tokens = tokens;
        }

        @Override
        public Event event() {
            return event;
        }

        @Override
        public List<byte[]> frames() {
            return frames;
        }

        @Override
        public synchronized Delivery defer() {
            if (delivery == null) {
                delivery = new Deferred(event, tokens, System.nanoTime() + deliveryTimeoutNanos);
                if (managed) {
                    // Too late: the manager already completed this event. The handle does nothing.
                    delivery.done.set(true);
                } else {
                    deferred.add(delivery);
                }
            }
            return delivery;
        }

        synchronized boolean claimForManager() {
            managed = true;
            return delivery == null;
        }

        void complete(boolean success, long now) {
            if (tokens == null && event.id().sequence() < 0) {
                return;
            }
            if (success) {
                slot.counters().out.increment();
                slot.latency().record(now - event.ingestNanos());
            } else {
                slot.counters().err.increment();
            }
            Tokens.release(tokens, success);
        }
    }

    /** A deferred event: the sink completes it from any thread, or the manager fails it when it is late. */
    private final class Deferred implements Delivery {
        final AtomicBoolean done = new AtomicBoolean();
        final Event event;
        final Object tokens;
        final long deadlineNanos;

        Deferred(Event event, Object tokens, long deadlineNanos) {
            this.event = event;
            this.tokens = tokens;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void ack() {
            if (done.compareAndSet(false, true)) {
                slot.counters().out.increment();
                slot.latency().record(System.nanoTime() - event.ingestNanos());
                Tokens.release(tokens, true);
            }
        }

        @Override
        public void fail(String reason) {
            if (done.compareAndSet(false, true)) {
                slot.counters().err.increment();
                lastError("delivery failed: " + reason);
                Tokens.release(tokens, false);
            }
        }
    }

    private final class Context implements SinkContext {
        @Override
        public String name() {
            return slot.name();
        }

        @Override
        public Map<String, Object> restoredState() {
            return restoredState;
        }

        @Override
        public void unavailable(String reason) {
            unavailable = reason == null ? "no reason given" : reason;
            updateBreaker();
        }

        @Override
        public void available() {
            unavailable = null;
            updateBreaker();
            wakeUp();
        }

        @Override
        public void connectionLost(String reason) {
            lost = reason == null ? "no reason given" : reason;
            updateBreaker();
            wakeUp();
        }

        @Override
        public long closeTimeoutMillis() {
            return setup.options().closeTimeoutMillis();
        }
    }
}
