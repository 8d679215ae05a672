package io.weir.runtime.internal.manager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Runs one sink instance, on a thread of its own or as a task on the shared workers: opens it (again,
 * with exponential backoff, after any failure), takes batches from its inbox, encodes each event with
 * the stream's encoder and postprocessors, writes it, flushes once per batch and acknowledges what the
 * flush made durable. Events the sink defers are completed by the sink or failed after the delivery
 * timeout.
 *
 * <p>The breaker is open while the sink is not open, while it says it is unavailable, and after it
 * lost its connection; the sources feeding it pause meanwhile, and the manager stops taking from the
 * inbox, so nothing is lost and nothing piles up beyond the inbox.
 *
 * <p>When the manager stops (a hot swap, new options), what the sink was given and did not
 * acknowledge (deferred events not completed, a last flush that failed) goes back to the head of the
 * inbox, in the order it was written, so that the next instance gets it first; the count is
 * {@link #replayed()}. The same happens when the watchdog abandons the manager in a stuck call,
 * together with the events of the batch not handed to the sink yet. When the sink itself fails, the
 * events it did not acknowledge are failed, as the SPI says.
 */
public final class SinkManager extends ManagerThread {
    private static final Logger LOG = LoggerFactory.getLogger(SinkManager.class);
    private static final int WRITTEN = 0;
    private static final int DEFERRED = 1;
    private static final int DONE = 2;
    private static final VarHandle STATE;
    private static final VarHandle CURSOR;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Written.class, "state", int.class);
            CURSOR = lookup.findVarHandle(SinkManager.class, "cursor", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SinkSlot slot;
    private final SinkSetup setup;
    private final Sink sink;
    private final Map<String, Object> restoredState;
    private final Backoff backoff;
    private final FailureLog failures;
    private final Context context = new Context();
    private final long deliveryTimeoutNanos;
    private final FaultLimits limits;
    private final long callNanos;
    private final long closeNanos;
    private final Map<StreamKey, EncodeChain> streams = new HashMap<>();
    /** Everything written and not completed yet, in the order written; completed ones leave from the head. */
    private final ArrayDeque<Written> inFlight = new ArrayDeque<>();
    /** What the current delivery wrote, acknowledged by its flush. */
    private final List<Written> written = new ArrayList<>();
    /** The latencies of what {@link #ackWritten} completes, recorded together. */
    private long[] latencies = new long[256];
    private final List<Batch> taken = new ArrayList<>();
    /** The ids of the batch being written (see {@link #idsOf}). */
    private EventId[] ids = new EventId[0];
    private final AtomicInteger deferredNow = new AtomicInteger();
    /**
     * Where the current delivery is in {@link #taken}: batch index in the high half, entry index in the low
     * half; the entries from there on have not been handed to the sink. Published with release semantics
     * for {@link #takeBack}.
     */
    @SuppressWarnings("unused") // through CURSOR
    private long cursor;
    private String lastSource;
    private long lastStream;
    private EncodeChain lastChain;
    private volatile boolean open;
    private volatile String unavailable;
    private volatile String lost;
    private volatile String failure;
    /** Set while the instance is closed for a hand-over: a deferred event it fails then is delivered again. */
    private volatile boolean handingOver;
    private volatile long replayed;
    private boolean quarantined;
    private boolean closeFirst;
    private long openedNanos;
    private Map<String, Object> snapshot;
    /**
     * What goes to the next instance if this one is not open when the manager stops: the state it was given
     * until it opens, then what it returned before its last close after a failure.
     */
    private Map<String, Object> handOver;

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
        this.limits = setup.options().faultLimits();
        this.callNanos = TimeUnit.MILLISECONDS.toNanos(limits.callTimeoutMillis());
        this.closeNanos = TimeUnit.MILLISECONDS.toNanos(setup.options().closeTimeoutMillis());
        this.handOver = this.restoredState;
    }

    /** @return the setup this manager runs */
    public SinkSetup setup() {
        return setup;
    }

    /**
     * The instance was abandoned in a stuck call that has returned since: close it before opening it
     * again, since nobody closed it. Call before {@link #start}.
     */
    public void closeBeforeOpening() {
        closeFirst = true;
    }

    /** @return consecutive failures of the instance */
    public int failures() {
        return backoff.failures();
    }

    /** @return events handed to the sink with {@code defer()} and not completed yet */
    public int deferredCount() {
        return deferredNow.get();
    }

    /** @return events this manager put back into the inbox for the next instance (when it stopped or was abandoned) */
    public long replayed() {
        return replayed;
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
    protected void begin() {
        if (onWorkers()) {
            slot.inbox().consumer(task());
        }
        updateBreaker();
    }

    @Override
    protected void step() {
        long now = System.nanoTime();
        if (!open) {
            String quarantine = slot.faults().quarantined();
            if (quarantine != null) {
                if (!quarantined) {
                    quarantined = true;
                    updateBreaker();
                }
                state(NodeState.QUARANTINED, "quarantined: " + quarantine + "; weir:restart " + label
                        + " or a new version of the plugin clears it");
                idle(LOOK_AGAIN_NANOS);
                return;
            }
            if (quarantined) {
                // The operator cleared the quarantine: try at once, with the backoff starting afresh.
                quarantined = false;
                backoff.reset();
                failures.reset();
            }
            long wait = backoff.untilNextAttempt(now);
            if (wait > 0) {
                idle(wait);
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
            idle(LOOK_AGAIN_NANOS);
            return;
        }
        state(NodeState.RUNNING, null);
        if (backoff.failures() > 0 && now - openedNanos >= TimeUnit.MILLISECONDS.toNanos(
                setup.options().maxBackoffMillis())) {
            failures.recovered();
        }
        Batch batch = slot.inbox().poll(onWorkers() ? 0 : waitNanos(now));
        if (batch != null) {
            deliver(batch);
        } else if (onWorkers()) {
            // The inbox queues the task when a batch comes.
            idle(waitNanos(now));
        }
    }

    private long waitNanos(long now) {
        Written oldest = inFlight.peekFirst();
        long wait = LOOK_AGAIN_NANOS;
        if (oldest != null && (int) STATE.getVolatile(oldest) == DEFERRED) {
            wait = Math.min(wait, Math.max(0, oldest.deadlineNanos - now));
        }
        return wait;
    }

    private void open(long now) {
        state(NodeState.STARTING, null);
        if (closeFirst) {
            closeFirst = false;
            closeQuietly();
        }
        lost = null;
        unavailable = null;
        guard().enter("open", callNanos);
        Throwable thrown = null;
        try {
            sink.open(context);
        } catch (Throwable t) {
            thrown = t;
        }
        guard().exit();
        if (thrown != null) {
            failed("open", thrown);
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
        started(System.nanoTime(), 0);
    }

    /** A plugin call that failed during a delivery. */
    private record Failure(String call, Throwable thrown) {
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
        CURSOR.setRelease(this, 0L);
        guard().enter("write", callNanos);
        Failure failed = writeTaken();
        if (failed == null) {
            guard().progress();
            try {
                sink.flush();
            } catch (Throwable t) {
                failed = new Failure("flush", t);
            }
            guard().check();
        }
        guard().exit();
        if (failed == null) {
            ackWritten();
        } else {
            // The sink failed: what it did not acknowledge is failed, as the SPI says.
            failWritten();
            failRest((long) CURSOR.getOpaque(this));
            failed(failed.call(), failed.thrown());
        }
        taken.clear();
    }

    /** @return the first failure of the sink, or {@code null} when every entry was handed over */
    private Failure writeTaken() {
        // Counted once per delivery: an atomic addition per event cost more than the counting is worth.
        int received = 0;
        try {
            for (int b = 0; b < taken.size(); b++) {
                Batch batch = taken.get(b);
                EventId[] ids = idsOf(batch);
                for (int i = 0; i < batch.size(); i++) {
                    long position = ((long) b << 32) | i;
                    long next = ((long) b << 32) | (i + 1);
                    CURSOR.setRelease(this, position);
                    guard().progress();
                    Event event = batch.event(i);
                    Failure failed;
                    if (event == null) {
                        failed = endStream((StreamEnd) batch.tokens(i), next);
                    } else {
                        received++;
                        failed = write(event, ids[i], batch.tokens(i), next);
                    }
                    if (failed != null) {
                        return failed;
                    }
                }
            }
            CURSOR.setRelease(this, (long) taken.size() << 32);
            return null;
        } finally {
            slot.counters().in.add(received);
        }
    }

    /**
     * Reads the id of every event of a batch before any is encoded. The events were made on another thread and
     * are no longer in this core's cache: read one after the other here, the misses overlap, where the encoding
     * loop would wait for each in turn.
     */
    private EventId[] idsOf(Batch batch) {
        int n = batch.size();
        if (ids.length < n) {
            ids = new EventId[n];
        }
        for (int i = 0; i < n; i++) {
            Event event = batch.event(i);
            ids[i] = event == null ? null : event.id();
        }
        return ids;
    }

    /** Encodes an event and hands it to the sink; the caller counts it as received. */
    private Failure write(Event event, EventId id, Object tokens, long next) {
        EncodeChain chain = chain(id);
        List<byte[]> frames;
        try {
            if (chain == null) {
                throw new EncodeChain.EncodeException(lastError(), null);
            }
            frames = chain.encode(event.value());
        } catch (EncodeChain.EncodeException e) {
            guard().check();
            lastError(e.getMessage());
            slot.counters().err.increment();
            Tokens.release(tokens, false);
            if (chain != null && chain.isBroken()) {
                dropChain(event.id());
            }
            CURSOR.setRelease(this, next);
            return null;
        }
        guard().check();
        return hand(new Written(event, frames, tokens), next);
    }

    /** Hands one item to the sink; it is in flight from here on. */
    private Failure hand(Written item, long next) {
        inFlight.addLast(item);
        written.add(item);
        CURSOR.setRelease(this, next);
        Throwable thrown = null;
        try {
            sink.write(item);
        } catch (Throwable t) {
            thrown = t;
        }
        guard().check();
        return thrown == null ? null : new Failure("write", thrown);
    }

    private Failure endStream(StreamEnd end, long next) {
        StreamKey key = new StreamKey(end.source(), end.stream());
        EncodeChain chain = streams.remove(key);
        if (lastChain == chain) {
            lastChain = null;
            lastSource = null;
        }
        if (chain == null) {
            CURSOR.setRelease(this, next);
            return null;
        }
        List<byte[]> frames;
        try {
            frames = chain.finish();
        } catch (EncodeChain.EncodeException e) {
            guard().check();
            lastError(e.getMessage());
            CURSOR.setRelease(this, next);
            return null;
        }
        guard().check();
        if (frames.isEmpty()) {
            CURSOR.setRelease(this, next);
            return null;
        }
        Map<String, Object> meta = new HashMap<>();
        meta.put("stream_end", true);
        Event tail = new Event(new EventId(end.source(), end.stream(), -1, -1), System.nanoTime(), null, meta);
        return hand(new Written(tail, frames, null), next);
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

    /**
     * Completes what the sink wrote and did not defer: counted and its latencies recorded once for the delivery
     * (counting and recording each event took five atomic operations), then acknowledged to the sources, so that a
     * source's acknowledgement is never seen before the sink's count.
     */
    private void ackWritten() {
        long now = System.nanoTime();
        int settled = 0;
        for (int i = 0; i < written.size(); i++) {
            Written item = written.get(i);
            if (item.settle()) {
                if (settled == latencies.length) {
                    latencies = Arrays.copyOf(latencies, 2 * settled);
                }
                latencies[settled] = now - item.event.ingestNanos();
                written.set(settled++, item);
            }
        }
        if (settled > 0) {
            slot.counters().out.add(settled);
            slot.latency().recordAll(latencies, settled);
            for (int i = 0; i < settled; i++) {
                Tokens.release(written.get(i).tokens, true);
            }
        }
        written.clear();
    }

    private void failWritten() {
        for (Written item : written) {
            if (item.settle()) {
                slot.counters().err.increment();
                Tokens.release(item.tokens, false);
            }
        }
        written.clear();
    }

    /** Fails what the current delivery did not hand to the sink, from the cursor on. */
    private void failRest(long from) {
        int batchIndex = (int) (from >>> 32);
        int entry = (int) from;
        for (int b = batchIndex; b < taken.size(); b++) {
            Batch batch = taken.get(b);
            for (int i = b == batchIndex ? entry : 0; i < batch.size(); i++) {
                if (batch.event(i) != null) {
                    slot.counters().in.increment();
                    slot.counters().err.increment();
                    Tokens.release(batch.tokens(i), false);
                }
            }
        }
    }

    private void expireDeferred(long now) {
        Written head;
        while ((head = inFlight.peekFirst()) != null) {
            int state = (int) STATE.getVolatile(head);
            if (state == DONE) {
                inFlight.pollFirst();
            } else if (state == DEFERRED && now - head.deadlineNanos >= 0) {
                inFlight.pollFirst();
                head.expire("not completed within delivery.timeout_ms ("
                        + setup.options().deliveryTimeoutMillis() + " ms)");
            } else {
                return;
            }
        }
    }

    private void failDeferred(String reason) {
        Written item;
        while ((item = inFlight.pollFirst()) != null) {
            item.expire(reason);
        }
    }

    private void failed(String call, Throwable t) {
        long now = System.nanoTime();
        long delay = backoff.failed(now);
        String line = failures.failed(call, t, delay);
        lastError(line);
        Thread.interrupted();
        startFailed(line);
        // An open that throws an exception is the SPI's way of saying "not now"; it is retried for ever.
        boolean counts = !"open".equals(call) || !(t instanceof Exception);
        String quarantine = counts ? slot.faults().failed(now, limits, line) : null;
        closeAndRetry(now, delay, line);
        if (quarantine != null) {
            LOG.error("{}: quarantined after {}; it is not opened again until weir:restart {} or a new version"
                    + " of its plugin", label, quarantine, label);
            updateBreaker();
        }
    }

    private void closeAndRetry(long now, long delayNanos, String why) {
        failure = why;
        boolean wasOpen = open;
        open = false;
        updateBreaker();
        failWritten();
        if (wasOpen) {
            takeSnapshot();
        }
        closeQuietly();
        failDeferred("the sink was closed before completing it");
        streams.clear();
        lastChain = null;
        lastSource = null;
        lost = null;
        state(NodeState.FAILED, why + "; opening again in " + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms");
    }

    private void closeQuietly() {
        guard().enter("close", closeNanos);
        Throwable thrown = null;
        try {
            sink.close();
        } catch (Throwable t) {
            thrown = t;
        }
        guard().exit();
        if (thrown != null) {
            LOG.warn("{}: close failed: {}", label, thrown.toString());
        }
    }

    @Override
    protected void shutdown() {
        if (open) {
            CURSOR.setRelease(this, 0L);
            guard().enter("end streams", callNanos);
            Failure failed = null;
            for (StreamKey key : new ArrayList<>(streams.keySet())) {
                guard().progress();
                failed = endStream(new StreamEnd(key.source(), key.stream()), 0L);
                if (failed != null) {
                    break;
                }
            }
            if (failed == null && !written.isEmpty()) {
                guard().progress();
                try {
                    sink.flush();
                } catch (Throwable t) {
                    failed = new Failure("flush", t);
                }
                guard().check();
            }
            guard().exit();
            if (failed == null) {
                ackWritten();
            } else {
                // Not made durable: the next instance gets these events again.
                written.clear();
                LOG.warn("{}: the last {} failed; what it did not acknowledge goes to the next instance: {}", label,
                        failed.call(), failed.thrown().toString());
            }
            handingOver = true;
            takeSnapshot();
            open = false;
            closeQuietly();
        }
        slot.lastState(handOver);
        handingOver = true;
        replay(false);
        slot.breaker().open("is stopped");
    }

    /** Asks the open instance for its state, for whichever instance comes next. */
    private void takeSnapshot() {
        guard().enter("snapshot", callNanos);
        Throwable thrown = null;
        try {
            snapshot = sink.snapshot();
        } catch (Throwable t) {
            thrown = t;
        }
        guard().exit();
        if (thrown != null) {
            LOG.warn("{}: snapshot failed, its state is not handed over: {}", label, thrown.toString());
        } else {
            handOver = snapshot == null ? Map.of() : snapshot;
        }
    }

    /** Abandoned in a stuck call: what the sink holds and the rest of the batch go back to the inbox. */
    @Override
    protected void takeBack() {
        handingOver = true;
        open = false;
        replay(true);
        // The stuck instance cannot be asked: the last state known goes on.
        slot.lastState(handOver);
    }

    /**
     * Puts back at the head of the inbox, in order, every event written and not acknowledged and, when
     * abandoned, the entries of the current delivery not handed to the sink yet.
     *
     * @param abandoned whether the thread that owns the delivery was abandoned (its sink may still hold
     *                  the events: copies are sent)
     */
    private void replay(boolean abandoned) {
        long from = abandoned ? (long) CURSOR.getAcquire(this) : (long) taken.size() << 32;
        List<Batch> front = new ArrayList<>();
        Batch batch = null;
        int count = 0;
        for (Written item : inFlight) {
            if (!item.claim() || item.tokens == null && item.event.id().sequence() < 0) {
                continue;
            }
            if (batch == null || batch.isFull()) {
                batch = new Batch("in", Math.max(16, setup.options().batchSize()));
                front.add(batch);
            }
            batch.add(abandoned ? Events.copy(item.event) : item.event, item.tokens);
            count++;
        }
        inFlight.clear();
        int batchIndex = (int) (from >>> 32);
        int entry = (int) from;
        for (int b = batchIndex; b < taken.size(); b++) {
            Batch rest = taken.get(b);
            for (int i = b == batchIndex ? entry : 0; i < rest.size(); i++) {
                if (batch == null || batch.isFull()) {
                    batch = new Batch("in", Math.max(16, setup.options().batchSize()));
                    front.add(batch);
                }
                if (rest.event(i) == null) {
                    batch.addStreamEnd((StreamEnd) rest.tokens(i));
                } else {
                    batch.add(rest.event(i), rest.tokens(i));
                    count++;
                }
            }
        }
        if (front.isEmpty()) {
            return;
        }
        if (slot.inbox().requeue(front)) {
            replayed += count;
            slot.counters().replayed.add(count);
            LOG.info("{}: {} event(s) written and not acknowledged go to the next instance first", label, count);
        } else {
            for (Batch refused : front) {
                slot.counters().dropped.add(refused.failAll());
            }
        }
    }

    /** Recomputes the breaker from the sink's state; called from the manager thread and the sink's own threads. */
    private synchronized void updateBreaker() {
        String reason;
        if (!open) {
            String quarantine = slot.faults().quarantined();
            String failed = failure;
            reason = quarantine != null ? "is quarantined: " + quarantine
                    : failed == null ? "is not open yet" : "failed: " + failed;
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

    /**
     * One event handed to the sink. Completed by the manager after the flush unless the sink deferred
     * it; then the sink completes it from any thread through the same object, its {@link Delivery}.
     * Whoever moves it to done first decides (see {@link #STATE}).
     */
    private final class Written implements SinkEvent, Delivery {
        private final Event event;
        private final List<byte[]> frames;
        private final Object tokens;
        /** A stream's last frames written when it ended: no input of a source stands behind it. */
        private final boolean tail;
        @SuppressWarnings("unused") // through STATE
        private volatile int state;
        private long deadlineNanos;

        Written(Event event, List<byte[]> frames, Object tokens) {
            this.event = event;
            this.frames = frames;
            this.tokens = tokens;
            // Decided once: completing then reads no field of the event, which is long out of the cache.
            this.tail = tokens == null && event.id().sequence() < 0;
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
        public Delivery defer() {
            if (STATE.compareAndSet(this, WRITTEN, DEFERRED)) {
                deadlineNanos = System.nanoTime() + deliveryTimeoutNanos;
                deferredNow.incrementAndGet();
            }
            // Too late when the manager completed it already: the handle then does nothing.
            return this;
        }

        @Override
        public void ack() {
            if (STATE.compareAndSet(this, DEFERRED, DONE)) {
                deferredNow.decrementAndGet();
                if (isTail()) {
                    return;
                }
                slot.counters().out.increment();
                slot.latency().record(System.nanoTime() - event.ingestNanos());
                Tokens.release(tokens, true);
            }
        }

        @Override
        public void fail(String reason) {
            if (handingOver) {
                // The instance is being replaced: the next one gets the event instead.
                return;
            }
            expire("delivery failed: " + reason);
        }

        /** Fails a deferred event: late, or its sink was closed. */
        void expire(String reason) {
            if (STATE.compareAndSet(this, DEFERRED, DONE)) {
                deferredNow.decrementAndGet();
                if (isTail()) {
                    return;
                }
                slot.counters().err.increment();
                lastError(reason);
                Tokens.release(tokens, false);
            }
        }

        /**
         * The manager takes an event the sink did not defer to done.
         *
         * @return whether the manager is to count it and complete its tokens: it was not deferred, and a source's
         *         input stands behind it
         */
        boolean settle() {
            return STATE.compareAndSet(this, WRITTEN, DONE) && !isTail();
        }

        /** @return whether the manager took it back to deliver again (it was not completed) */
        boolean claim() {
            if (STATE.compareAndSet(this, WRITTEN, DONE)) {
                return true;
            }
            if (STATE.compareAndSet(this, DEFERRED, DONE)) {
                deferredNow.decrementAndGet();
                return true;
            }
            return false;
        }

        private boolean isTail() {
            return tail;
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
            if (guard().isAbandoned()) {
                return;
            }
            unavailable = reason == null ? "no reason given" : reason;
            updateBreaker();
        }

        @Override
        public void available() {
            if (guard().isAbandoned()) {
                return;
            }
            unavailable = null;
            updateBreaker();
            wakeUp();
        }

        @Override
        public void connectionLost(String reason) {
            if (guard().isAbandoned()) {
                return;
            }
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
