package io.weir.runtime.internal.manager;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.weir.api.codec.Decoder;
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
 * Runs one source instance, on a thread of its own or as a task on the shared workers: opens it once
 * every node downstream can take events, pulls in a loop, runs each stream's bytes through its
 * preprocessors and decoder, numbers the events per stream and hands them downstream in batches. It
 * pauses the source while a breaker downstream is open, and closes and reopens it with exponential
 * backoff when any call into it throws.
 *
 * <p>A malformed record becomes an event on the source's {@code err} port carrying
 * {@code {"error": reason, "raw": bytes}}; the stream goes on.
 *
 * <p>Every call into the source runs under the {@link CallGuard}: a pull may take its timeout plus
 * {@code call.timeout_ms}, other calls {@code call.timeout_ms}, closing {@code close.timeout_ms}. Too
 * many failures within {@code quarantine.window_ms} quarantine the node (see {@link Faults}). When
 * the manager stops, outcomes of the source's events still on their way are held for the next
 * instance (see {@link SourceAcks}).
 *
 * <p>Stopped for a swap or a restart ({@link #handStreamsOver}), it leaves its streams open for the next
 * manager instead of ending them (see {@link CarriedStreams}): the next instance continues those it names
 * with {@code SourceContext.continueStream} while it opens, so half a record buffered in a preprocessor is
 * completed by the bytes it sends next; the others are ended once it opened. A preprocessor whose plugin goes
 * away hands what it buffers to its new version ({@code Processor.unprocessed}); a stream with one that
 * cannot is ended on stopping, as the processor's classes go with it.
 */
public final class SourceManager extends ManagerThread {
    private static final VarHandle EMITTED;

    static {
        try {
            EMITTED = MethodHandles.lookup().findVarHandle(SourceManager.class, "emitted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SourceManager.class);

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
    private final ErrorLog errorLog;
    private Stream lastStream;
    /**
     * Events emitted so far: tells whether a pull brought anything. Written by the node's thread only, with release
     * (a plain store on x86), so that the watchdog counts what an abandoned pull emitted ({@link #takeBack}).
     */
    private long emitted;
    /** {@link #emitted} when the {@code in} counter last caught up with it; guarded by {@link #countLock}. */
    private long counted;
    private final Object countLock = new Object();
    private volatile String lostReason;
    /** Where the open instance listens, as it reported; null when closed or not reported. */
    private volatile String endpoint;
    private boolean open;
    private boolean paused;
    private boolean finished;
    private long drainDeadlineNanos;
    /** Set before a stop for a swap or a restart: tells which plugins go; {@code null} ends the streams. */
    private volatile Predicate<Object> leaveOpen;
    /** Streams the previous manager left open, until the instance opened. */
    private CarriedStreams carried;
    private boolean carriedContinuable;
    /** Guards what the instance may call from any thread while it opens: the streams it may continue. */
    private final Object claims = new Object();
    private final Set<Long> claimable = new HashSet<>();
    private final Set<Long> claimed = new HashSet<>();

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
        this.errorLog = new ErrorLog(line -> LOG.warn("{}: {}", label, line), System::nanoTime);
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

    /** @return the address the open instance said it listens on, or {@code null} */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Streams the previous manager on this slot left open. Call before {@link #start}.
     *
     * @param streams     the streams, or {@code null}
     * @param continuable whether the instance may continue them (it has its predecessor's configuration);
     *                    when not, they are ended once it opened
     */
    public void carried(CarriedStreams streams, boolean continuable) {
        this.carried = streams;
        this.carriedContinuable = continuable;
    }

    /**
     * When this manager stops, it leaves its streams open for the next one on the slot (a swap, a restart)
     * instead of ending them. Call before {@link #stop}.
     *
     * @param leaving whether a plugin service (codec, preprocessor factory) goes away: a stream whose
     *                preprocessor goes is ended all the same, and a decoder whose codec goes is not kept
     */
    public void handStreamsOver(Predicate<Object> leaving) {
        this.leaveOpen = leaving;
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
    protected void begin() {
        if (onWorkers()) {
            dispatcher.neverWait(task()::schedule);
        }
    }

    @Override
    protected void step() {
        try {
            stepOnce();
        } finally {
            countReceived();
        }
    }

    /**
     * Adds the records received since the last call to the {@code in} counter: each record is emitted once, as an
     * event or an error. Once per step instead of an atomic addition per record.
     */
    private void countReceived() {
        // Locked once per step, not per record: the watchdog's thread may count for an abandoned one meanwhile.
        synchronized (countLock) {
            long now = (long) EMITTED.getAcquire(this);
            if (now != counted) {
                slot.counters().in.add(now - counted);
                counted = now;
            }
        }
    }

    private void stepOnce() {
        long now = System.nanoTime();
        dispatcher.adopt(slot.routes());
        Inbox full = dispatcher.handHeld();
        if (full != null) {
            // On the workers: nothing new is pulled until what the last pull emitted went downstream.
            backpressure(full);
            idle(LOOK_AGAIN_NANOS);
            return;
        }
        String blocked = slot.gate().blockedReason();
        if (!open) {
            String quarantine = slot.faults().quarantined();
            if (quarantine != null) {
                quarantined = true;
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
            } else if (blocked != null) {
                // Sources start only once everything downstream can take events.
                state(NodeState.WAITING, blocked);
                idle(LOOK_AGAIN_NANOS);
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
            idle(LOOK_AGAIN_NANOS);
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
        Throwable thrown;
        if (onWorkers() && timeout > 0) {
            // A worker asks first without waiting; only a source with nothing at hand is waited for, and the
            // worker is replaced meanwhile.
            thrown = guarded("pull", pullNanos, () -> pulled = source.pull(output, 0));
            if (thrown == null && pulled && emitted == emittedBefore && !dispatcher.hasHeld() && !stopping) {
                thrown = guarded("pull", pullNanos, () -> blocking(() -> pulled = source.pull(output, timeout)));
            }
        } else {
            thrown = guarded("pull", pullNanos, () -> pulled = source.pull(output, timeout));
        }
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
        offerCarried();
        Throwable thrown = guarded("open", callNanos, () -> source.open(context));
        synchronized (claims) {
            claimable.clear();
            if (thrown != null) {
                // Offered again at the next attempt.
                claimed.clear();
            }
        }
        if (thrown != null) {
            failed("open", thrown);
            return;
        }
        open = true;
        if (carried != null) {
            Throwable ended = guarded("continue streams", callNanos, this::takeOverCarried);
            if (ended != null) {
                LOG.warn("{}: taking over the streams of the previous instance failed: {}", label, ended.toString());
            }
        }
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

    /** The streams the instance may continue while it opens: those left open whose chain fits this setup. */
    private void offerCarried() {
        synchronized (claims) {
            claimable.clear();
            claimed.clear();
            if (carried == null || !carriedContinuable) {
                return;
            }
            boolean fits = fits(carried.setup());
            for (CarriedStreams.Carried stream : carried.streams().values()) {
                if (stream.processors() == null || fits) {
                    claimable.add(stream.id());
                }
            }
        }
    }

    /**
     * @return whether chains made under {@code before} go on under this setup: the same preprocessors with the
     *         same options, each the same service or (when its plugin was swapped) a new version under that name
     */
    private boolean fits(SourceSetup before) {
        List<ProcessorStep> old = before.preprocessors();
        List<ProcessorStep> now = setup.preprocessors();
        if (old.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < old.size(); i++) {
            if (!old.get(i).name().equals(now.get(i).name()) || !old.get(i).options().equals(now.get(i).options())) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the instance, while it opens, may continue this stream of its predecessor */
    private boolean claim(long stream) {
        synchronized (claims) {
            return claimable.remove(stream) && claimed.add(stream);
        }
    }

    /** Makes the streams the instance continued this manager's, and ends the others. */
    private void takeOverCarried() {
        Set<Long> continued;
        synchronized (claims) {
            continued = new HashSet<>(claimed);
            claimed.clear();
        }
        int ended = adoptCarried(continued);
        LOG.info("{}: {} stream(s) of the previous instance continued, {} ended", label, continued.size(), ended);
    }

    /**
     * Makes the carried streams this manager's: those in {@code continued} go on, the others end.
     *
     * @return how many ended
     */
    private int adoptCarried(Set<Long> continued) {
        CarriedStreams from = carried;
        carried = null;
        SourceSetup before = from.setup();
        boolean sameCodec = before.codec() == setup.codec()
                && before.options().codecOptions().equals(setup.options().codecOptions());
        int ended = 0;
        for (CarriedStreams.Carried carriedStream : from.streams().values()) {
            Stream stream = new Stream(carriedStream.id());
            stream.nextSequence = carriedStream.nextSequence();
            stream.position = carriedStream.position();
            stream.meta = carriedStream.meta();
            stream.ingestNanos = System.nanoTime();
            if (carriedStream.processors() != null) {
                stream.chain = carriedChain(carriedStream, sameCodec, stream);
            }
            if (continued.contains(carriedStream.id())) {
                streams.put(stream.id, stream);
            } else {
                ended++;
                stream.end();
            }
        }
        return ended;
    }

    /**
     * The chain of a carried stream under this manager: its kept processors, new ones (of the new version) for
     * those whose plugin was swapped, given what their predecessors had not handed on, and a decoder.
     */
    private DecodeChain carriedChain(CarriedStreams.Carried stream, boolean sameCodec, Stream records) {
        List<Processor> processors = new ArrayList<>(stream.processors());
        List<String> names = new ArrayList<>();
        Decoder decoder;
        try {
            for (int i = 0; i < processors.size(); i++) {
                ProcessorStep step = i < setup.preprocessors().size() ? setup.preprocessors().get(i) : null;
                names.add(step == null ? "#" + i : step.name());
                if (processors.get(i) == null) {
                    if (step == null) {
                        throw new IllegalStateException("no preprocessor at position " + i + " any more");
                    }
                    processors.set(i, step.create());
                }
            }
            decoder = stream.decoderKept() && sameCodec ? stream.decoder()
                    : setup.codec() == null ? null : setup.codec().decoder(setup.options().codecOptions());
        } catch (RuntimeException e) {
            records.error("cannot continue the stream's decode chain: " + e, unprocessedBytes(stream));
            return null;
        }
        DecodeChain chain = new DecodeChain(processors, names, decoder, setup.options().codec(), records);
        if (stream.unprocessed() != null) {
            chain.resume(stream.unprocessed());
        }
        return chain;
    }

    private static byte[] unprocessedBytes(CarriedStreams.Carried stream) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (stream.unprocessed() != null) {
            for (byte[] bytes : stream.unprocessed()) {
                if (bytes != null) {
                    all.writeBytes(bytes);
                }
            }
        }
        return all.toByteArray();
    }

    /**
     * Leaves the streams open for the next manager. A preprocessor whose plugin goes is asked for what it had
     * not handed on ({@code Processor.unprocessed}), for its new version; a stream with one that cannot say is
     * ended here, as its classes go with it.
     */
    private void leaveStreamsOpen(Predicate<Object> leaving) {
        boolean codecGoes = setup.codec() != null && leaving.test(setup.codec());
        CarriedStreams open = new CarriedStreams(setup);
        List<Stream> all = new ArrayList<>(streams.values());
        streams.clear();
        lastStream = null;
        for (Stream stream : all) {
            if (stream.chain == null) {
                open.add(new CarriedStreams.Carried(stream.id, stream.nextSequence, stream.position, stream.meta, null,
                        null, null, false));
                continue;
            }
            List<Processor> processors = stream.chain.processors();
            byte[][] unprocessed = new byte[processors.size()][];
            Set<Integer> discarded = new HashSet<>();
            String refused = null;
            for (int i = 0; i < processors.size() && refused == null; i++) {
                ProcessorStep step = setup.preprocessors().get(i);
                if (!leaving.test(step.factory())) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = processors.get(i).unprocessed();
                } catch (RuntimeException e) {
                    bytes = null;
                    LOG.warn("{}: preprocessor '{}' failed to hand over its buffer: {}", label, step.name(), e.toString());
                }
                if (bytes == null) {
                    refused = step.name();
                } else {
                    unprocessed[i] = bytes;
                    processors.set(i, null);
                    discarded.add(i);
                }
            }
            if (refused == null) {
                // Nothing of a plugin that goes is kept: its class loader must be free to go.
                open.add(new CarriedStreams.Carried(stream.id, stream.nextSequence, stream.position, stream.meta,
                        processors, unprocessed, codecGoes ? null : stream.chain.decoder(), !codecGoes));
                continue;
            }
            // Processors that handed their buffer over are gone: it goes to err, and the stream ends without them.
            for (int i : discarded) {
                if (unprocessed[i].length > 0) {
                    stream.error("preprocessor '" + setup.preprocessors().get(i).name() + "': the stream ended in a swap"
                            + " (preprocessor '" + refused + "' cannot hand over its buffer); this is what it held",
                            unprocessed[i]);
                }
            }
            stream.end(discarded);
        }
        slot.carry(open.size() == 0 ? null : open);
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
        endpoint = null;
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

    @Override
    protected void shutdown() {
        try {
            shutdownOnce();
        } finally {
            countReceived();
        }
    }

    private void shutdownOnce() {
        drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(setup.options().closeTimeoutMillis());
        // What is held for full inboxes goes first, waited for until the drain deadline like everything after it.
        dispatcher.waitHeld();
        Predicate<Object> leaving = leaveOpen;
        if (!open && carried != null) {
            // Never opened: the streams it was given go on to the next manager (as its own would), or end.
            boolean goOn = leaving != null && fits(carried.setup());
            synchronized (claims) {
                claimed.clear();
            }
            Throwable ended = guarded("end streams", callNanos, () -> {
                adoptCarried(goOn ? carriedIds() : Set.of());
                if (goOn) {
                    leaveStreamsOpen(leaving);
                }
            });
            if (ended != null) {
                LOG.warn("{}: handing on the streams of the previous instance failed: {}", label, ended.toString());
            }
        }
        if (open) {
            Throwable ended = guarded("end streams", callNanos, leaving == null ? this::endAllStreams
                    : () -> leaveStreamsOpen(leaving));
            if (ended != null) {
                LOG.warn("{}: finishing its streams failed: {}", label, ended.toString());
            }
            dispatcher.flushAll();
            // From here on outcomes wait for the next instance, so the snapshot sees every one this one gets.
            slot.acks().hold();
            takeSnapshot();
            closeQuietly();
            endpoint = null;
            open = false;
        } else {
            dispatcher.flushAll();
            slot.acks().hold();
        }
        slot.lastState(handOver);
    }

    private Set<Long> carriedIds() {
        return new HashSet<>(carried.streams().keySet());
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
        // What the stuck pull emitted was received; its step will not end to count it.
        countReceived();
        endpoint = null;
        slot.acks().hold();
        // Batches held for a full inbox are handed on if there is room now, else failed (backpressure gives up once
        // abandoned), so that no token of theirs stays held; their outcomes wait for the next instance.
        dispatcher.waitHeld();
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
            end(Set.of());
        }

        /** Ends the stream, skipping the chain's stages whose processor was discarded. */
        void end(Set<Integer> discarded) {
            if (chain != null) {
                chain.finish(discarded);
                chain = null;
            }
            dispatcher.endStream(new StreamEnd(slot.name(), id));
        }

        @Override
        public void value(Object value) {
            emit(Emitter.OUT, value);
        }

        @Override
        public void error(String reason, byte[] raw) {
            lastError(reason);
            Map<String, Object> value = new LinkedHashMap<>(4);
            value.put("error", reason);
            value.put("raw", raw);
            emit(Emitter.ERR, value);
        }

        /** Emits a record received; counted in {@code in} by {@link #countReceived}. */
        void emit(String port, Object value) {
            EMITTED.setRelease(SourceManager.this, emitted + 1);
            EventId eventId = new EventId(slot.name(), id, nextSequence++, position);
            Event event = new Event(eventId, ingestNanos, value, new SharedMeta(meta));
            Token token = tracked ? new Token(eventId, slot.acks()) : null;
            dispatcher.emitHeld(port, event, token);
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
        public boolean full() {
            // On a thread the pull waits inside data() for room, so it is never asked to stop.
            return dispatcher.hasHeld();
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

        @Override
        public void error(String kind, String message) {
            // Counted even from an abandoned instance's threads: the input was rejected all the same.
            String counted = slot.counters().errorKinds().record(kind);
            String line = ErrorLog.line(counted, message);
            lastError(line);
            errorLog.report(counted, line);
        }

        @Override
        public void endpoint(String address) {
            if (!guard().isAbandoned()) {
                endpoint = address;
            }
        }

        @Override
        public boolean continueStream(long stream) {
            return claim(stream);
        }
    }
}
