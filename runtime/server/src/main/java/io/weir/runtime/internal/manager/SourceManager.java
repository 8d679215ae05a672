package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.api.operator.Emitter;
import io.weir.api.processor.Processor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source instance on its own thread: opens it once every node downstream can take events,
 * pulls in a loop, runs each stream's bytes through its preprocessors and decoder, numbers the
 * events per stream and hands them downstream in batches. It pauses the source while a breaker
 * downstream is open, and closes and reopens it with exponential backoff when any call into it
 * throws.
 *
 * <p>A malformed record becomes an event on the source's {@code err} port carrying
 * {@code {"error": reason, "raw": bytes}}; the stream goes on.
 *
 * <p>Every call into the source runs under the {@link CallGuard}: a pull may take its timeout plus
 * {@code call.timeout_ms}, other calls {@code call.timeout_ms}, closing {@code close.timeout_ms}. Too
 * many failures within {@code quarantine.window_ms} quarantine the node (see {@link Faults}). When
 * the manager stops, outcomes of the source's events still on their way are held for the next
 * instance (see {@link SourceAcks}).
 */
public final class SourceManager extends ManagerThread {
    private static final Logger LOG = LoggerFactory.getLogger(SourceManager.class);
    private static final long GATE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final SourceSlot slot;
    private final SourceSetup setup;
    private final Source source;
    private final Map<String, Object> restoredState;
    private final Dispatcher dispatcher;
    private final Backoff backoff;
    private final FailureLog failures;
    private final boolean tracked;
    private final long batchTimeoutNanos;
    private final FaultLimits limits;
    private final long callNanos;
    private final long pullNanos;
    private final long closeNanos;
    private boolean pulled;
    private boolean quarantined;
    private boolean closeFirst;
    private Map<String, Object> snapshot;
    /**
     * What goes to the next instance if this one is not open when the manager stops: the state it was given
     * until it opens, then what it returned before its last close after a failure.
     */
    private Map<String, Object> handOver;
    private final Map<Long, Stream> streams = new HashMap<>();
    private final Output output = new Output();
    private final Context context = new Context();
    private Stream lastStream;
    /** Events emitted so far: tells whether a pull brought anything. */
    private long emitted;
    private volatile String lostReason;
    private boolean open;
    private boolean paused;
    private boolean finished;
    private long drainDeadlineNanos;

    /**
     * @param slot          the source's place in the flows
     * @param setup         the instance and its options and plugins
     * @param restoredState the state to hand to the instance when it opens
     */
    public SourceManager(SourceSlot slot, SourceSetup setup, Map<String, Object> restoredState) {
        super(slot.label(), "weir-source-" + slot.name());
        this.slot = slot;
        this.setup = setup;
        this.source = setup.source();
        this.restoredState = restoredState == null ? Map.of() : restoredState;
        ManagerOptions options = setup.options();
        this.dispatcher = new Dispatcher(slot.counters(), options.batchSize(), this::backpressure, false);
        this.backoff = new Backoff(options.backoffMillis(), options.maxBackoffMillis());
        this.failures = new FailureLog(LOG, label);
        this.tracked = SourceAcks.wantsOutcomes(source);
        this.batchTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.batchTimeoutMillis());
        this.limits = options.faultLimits();
        this.callNanos = TimeUnit.MILLISECONDS.toNanos(limits.callTimeoutMillis());
        this.pullNanos = TimeUnit.MILLISECONDS.toNanos(options.pullTimeoutMillis()) + callNanos;
        this.closeNanos = TimeUnit.MILLISECONDS.toNanos(options.closeTimeoutMillis());
        this.handOver = this.restoredState;
    }

    /** @return the setup this manager runs */
    public SourceSetup setup() {
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

    /** @return how long {@link #stop} should wait: a pull, draining and closing */
    public long stopTimeoutMillis() {
        ManagerOptions options = setup.options();
        return options.pullTimeoutMillis() + 2 * options.closeTimeoutMillis() + 1000;
    }

    @Override
    protected void run() {
        while (!stopping) {
            step();
        }
        shutdown();
    }

    private void step() {
        long now = System.nanoTime();
        dispatcher.adopt(slot.routes());
        String blocked = slot.gate().blockedReason();
        if (!open) {
            String quarantine = slot.faults().quarantined();
            if (quarantine != null) {
                quarantined = true;
                state(NodeState.QUARANTINED, "quarantined: " + quarantine + "; weir:restart " + label
                        + " or a new version of the plugin clears it");
                idle(GATE_POLL_NANOS);
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
            } else if (blocked != null) {
                // Sources start only once everything downstream can take events.
                state(NodeState.WAITING, blocked);
                idle(GATE_POLL_NANOS);
            } else {
                open(now);
            }
            return;
        }
        String lost = lostReason;
        if (lost != null) {
            lostReason = null;
            long delay = backoff.failed(now);
            failures.reported("connection lost: " + lost, delay);
            lastError("connection lost: " + lost);
            reopenLater(now, delay, "connection lost: " + lost);
            return;
        }
        if (blocked != null) {
            if (!paused) {
                paused = true;
                if (!call("pause", source::pause)) {
                    return;
                }
            }
            state(NodeState.PAUSED, blocked);
            dispatcher.flushAll();
            idle(GATE_POLL_NANOS);
            return;
        }
        if (paused) {
            paused = false;
            if (!call("resume", source::resume)) {
                return;
            }
        }
        if (finished) {
            state(NodeState.FINISHED, "the source delivered all its data");
            dispatcher.flushAll();
            idle(TimeUnit.MILLISECONDS.toNanos(200));
            return;
        }
        state(NodeState.RUNNING, null);
        pull(now);
    }

    private void pull(long now) {
        // Collected events wait for more only while the source has more at once: with events collected it is
        // asked without waiting, and when that brings nothing they are handed on. A busy source still fills
        // whole batches; a quiet one does not hold its events back for batch.timeout_ms.
        boolean pending = dispatcher.hasPending();
        long timeout = pending ? 0 : setup.options().pullTimeoutMillis();
        long emittedBefore = emitted;
        Throwable thrown = guarded("pull", pullNanos, () -> pulled = source.pull(output, timeout));
        if (thrown != null) {
            failed("pull", thrown);
            return;
        }
        long after = System.nanoTime();
        if (pending && emitted == emittedBefore) {
            dispatcher.flushAll();
        } else {
            dispatcher.flushDue(after, batchTimeoutNanos);
        }
        if (!pulled) {
            endAllStreams();
            dispatcher.flushAll();
            finished = true;
            state(NodeState.FINISHED, "the source delivered all its data");
        }
        failuresHealed(after);
    }

    /** A call into the plugin: what the manager asks of it between two checks of the guard. */
    @FunctionalInterface
    private interface PluginCall {
        void run() throws Exception;
    }

    /**
     * Runs one plugin call under the guard.
     *
     * @return what it threw, or {@code null}
     * @throws CallGuard.Abandoned when the watchdog gave up on this thread during the call
     */
    private Throwable guarded(String call, long limitNanos, PluginCall body) {
        guard().enter(call, limitNanos);
        Throwable thrown = null;
        try {
            body.run();
        } catch (Throwable t) {
            thrown = t;
        }
        guard().exit();
        return thrown;
    }

    private void open(long now) {
        state(NodeState.STARTING, null);
        if (closeFirst) {
            closeFirst = false;
            closeQuietly();
        }
        lostReason = null;
        Throwable thrown = guarded("open", callNanos, () -> source.open(context));
        if (thrown != null) {
            failed("open", thrown);
            return;
        }
        open = true;
        paused = false;
        finished = false;
        backoff.up(now);
        if (backoff.failures() > 0) {
            LOG.info("{}: open again after {} failure(s)", label, backoff.failures());
        }
        // Outcomes held since the previous instance stopped reach this one first.
        long handedOver = slot.acks().resume(tracked ? source : null);
        started(System.nanoTime(), handedOver);
    }

    private void failuresHealed(long now) {
        if (backoff.failures() > 0 && !stopping) {
            // Backoff forgets failures only after a quiet period; the log follows it.
            long quiet = TimeUnit.MILLISECONDS.toNanos(setup.options().maxBackoffMillis());
            if (now - backoff.nextAttemptNanos() >= quiet) {
                failures.recovered();
            }
        }
    }

    /**
     * Calls a plugin method that returns nothing, treating anything it throws as a failure.
     *
     * @return whether it returned normally
     */
    private boolean call(String name, Runnable call) {
        Throwable thrown = guarded(name, callNanos, call::run);
        if (thrown != null) {
            failed(name, thrown);
            return false;
        }
        return true;
    }

    private void failed(String call, Throwable t) {
        long now = System.nanoTime();
        long delay = backoff.failed(now);
        String line = failures.failed(call, t, delay);
        lastError(line);
        if (t instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            Thread.interrupted();
        }
        startFailed(line);
        // An open that throws an exception is the SPI's way of saying "not now"; it is retried for ever.
        boolean counts = !"open".equals(call) || !(t instanceof Exception);
        String quarantine = counts ? slot.faults().failed(now, limits, line) : null;
        reopenLater(now, delay, line);
        if (quarantine != null) {
            LOG.error("{}: quarantined after {}; it is not opened again until weir:restart {} or a new version"
                    + " of its plugin", label, quarantine, label);
        }
    }

    private void reopenLater(long now, long delayNanos, String why) {
        streams.clear();
        lastStream = null;
        dispatcher.flushAll();
        if (open) {
            takeSnapshot();
        }
        closeQuietly();
        open = false;
        paused = false;
        finished = false;
        state(NodeState.FAILED, why + "; opening again in " + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms");
    }

    private void closeQuietly() {
        Throwable thrown = guarded("close", closeNanos, source::close);
        if (thrown != null) {
            LOG.warn("{}: close failed: {}", label, thrown.toString());
        }
    }

    private void shutdown() {
        drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(setup.options().closeTimeoutMillis());
        if (open) {
            Throwable ended = guarded("end streams", callNanos, this::endAllStreams);
            if (ended != null) {
                LOG.warn("{}: finishing its streams failed: {}", label, ended.toString());
            }
            dispatcher.flushAll();
            // From here on outcomes wait for the next instance, so the snapshot sees every one this one gets.
            slot.acks().hold();
            takeSnapshot();
            closeQuietly();
            open = false;
        } else {
            dispatcher.flushAll();
            slot.acks().hold();
        }
        slot.lastState(handOver);
    }

    /** Asks the open instance for its state, for whichever instance comes next. */
    private void takeSnapshot() {
        Throwable thrown = guarded("snapshot", callNanos, () -> snapshot = source.snapshot());
        if (thrown != null) {
            LOG.warn("{}: snapshot failed, its state is not handed over: {}", label, thrown.toString());
        } else {
            handOver = snapshot == null ? Map.of() : snapshot;
        }
    }

    /** Abandoned in a stuck call: the instance is never called again, so its outcomes wait for the next one. */
    @Override
    protected void takeBack() {
        slot.acks().hold();
        // The stuck instance cannot be asked: the last state known goes on.
        slot.lastState(handOver);
    }

    /** While stopping, a full inbox is waited for until the drain deadline, then its batch is failed. */
    private boolean backpressure(Inbox full) {
        // Waiting for room downstream is not the plugin's fault: the guard's clock starts again.
        guard().progress();
        if (guard().isAbandoned()) {
            return true;
        }
        // Still running, only held back: the flow is not paused, it goes as fast as its slowest node.
        String reason = full.label() + " is full (backpressure)";
        if (state() == NodeState.RUNNING && !reason.equals(reason())) {
            state(NodeState.RUNNING, reason);
        }
        return giveUp();
    }

    private boolean giveUp() {
        if (!stopping) {
            return false;
        }
        if (drainDeadlineNanos == 0) {
            drainDeadlineNanos = System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(setup.options().closeTimeoutMillis());
        }
        return System.nanoTime() > drainDeadlineNanos;
    }

    private void endAllStreams() {
        List<Stream> all = new ArrayList<>(streams.values());
        streams.clear();
        lastStream = null;
        for (Stream stream : all) {
            stream.end();
        }
    }

    private Stream stream(long id) {
        Stream stream = lastStream;
        if (stream != null && stream.id == id) {
            return stream;
        }
        stream = streams.get(id);
        if (stream == null) {
            stream = new Stream(id);
            streams.put(id, stream);
        }
        lastStream = stream;
        return stream;
    }

    private void forget(Stream stream) {
        streams.remove(stream.id);
        if (lastStream == stream) {
            lastStream = null;
        }
    }

    /** One stream of the source: its decode chain (created on its first data) and its sequence. */
    private final class Stream implements DecodeChain.Records {
        final long id;
        long nextSequence;
        long position;
        long ingestNanos;
        /** A read-only copy of the metadata the source gave last, shared by the events that follow. */
        private Map<String, Object> meta = Map.of();
        DecodeChain chain;

        Stream(long id) {
            this.id = id;
        }

        /**
         * Takes the source's metadata for the events that follow. It is copied only when it differs from the
         * last (the source may change its map once the call returns); the events share the copy.
         */
        void meta(Map<String, Object> given) {
            if (given == null || given.isEmpty()) {
                meta = Map.of();
            } else if (!given.equals(meta)) {
                meta = java.util.Collections.unmodifiableMap(new HashMap<>(given));
            }
        }

        void data(byte[] data, int offset, int length) {
            if (chain == null) {
                try {
                    chain = newChain();
                } catch (RuntimeException e) {
                    error("cannot create the decode chain: " + e, java.util.Arrays.copyOfRange(data, offset,
                            offset + length));
                    return;
                }
            }
            chain.process(data, offset, length);
            if (chain.isBroken()) {
                // A stage threw something unexpected: start this stream afresh with the next data.
                chain = null;
            }
        }

        private DecodeChain newChain() {
            List<Processor> processors = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (ProcessorStep step : setup.preprocessors()) {
                processors.add(step.create());
                names.add(step.name());
            }
            ManagerOptions options = setup.options();
            return new DecodeChain(processors, names,
                    setup.codec() == null ? null : setup.codec().decoder(options.codecOptions()), options.codec(),
                    this);
        }

        void end() {
            if (chain != null) {
                chain.finish();
                chain = null;
            }
            dispatcher.endStream(new StreamEnd(slot.name(), id));
        }

        @Override
        public void value(Object value) {
            slot.counters().in.increment();
            emit(Emitter.OUT, value);
        }

        @Override
        public void error(String reason, byte[] raw) {
            slot.counters().in.increment();
            lastError(reason);
            Map<String, Object> value = new LinkedHashMap<>(4);
            value.put("error", reason);
            value.put("raw", raw);
            emit(Emitter.ERR, value);
        }

        void emit(String port, Object value) {
            emitted++;
            EventId eventId = new EventId(slot.name(), id, nextSequence++, position);
            Event event = new Event(eventId, ingestNanos, value, new SharedMeta(meta));
            Token token = tracked ? new Token(eventId, slot.acks()) : null;
            dispatcher.emit(port, event, token);
            if (token != null) {
                token.release(true);
            }
        }
    }

    private final class Output implements SourceOutput {
        @Override
        public void data(long stream, long position, byte[] data, int offset, int length, Map<String, Object> meta) {
            if (guard().isAbandoned()) {
                return;
            }
            Stream s = stream(stream);
            s.position = position;
            s.meta(meta);
            s.ingestNanos = System.nanoTime();
            s.data(data, offset, length);
        }

        @Override
        public void value(long stream, long position, Object value, Map<String, Object> meta) {
            if (guard().isAbandoned()) {
                return;
            }
            Stream s = stream(stream);
            s.position = position;
            s.meta(meta);
            s.ingestNanos = System.nanoTime();
            s.value(value);
        }

        @Override
        public void streamEnd(long stream) {
            if (guard().isAbandoned()) {
                return;
            }
            Stream s = streams.get(stream);
            if (s == null) {
                dispatcher.endStream(new StreamEnd(slot.name(), stream));
                return;
            }
            forget(s);
            s.end();
        }
    }

    private final class Context implements SourceContext {
        @Override
        public String name() {
            return slot.name();
        }

        @Override
        public Map<String, Object> restoredState() {
            return restoredState;
        }

        @Override
        public void connectionLost(String reason) {
            if (guard().isAbandoned()) {
                return;
            }
            lostReason = reason == null ? "no reason given" : reason;
            wakeUp();
        }

        @Override
        public long closeTimeoutMillis() {
            return setup.options().closeTimeoutMillis();
        }
    }
}
