package io.weir.runtime.internal.manager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.weir.api.event.Event;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline, on a thread of its own or as a task on the shared workers: takes batches from its
 * inbox, feeds each event to the pipeline, ticks it about every 10 ms, and hands what it emits to the
 * nodes linked to its output ports. It tracks the inputs the pipeline holds so that each is
 * acknowledged or failed exactly once, whatever the operators do with it (pass it on, drop it, merge
 * it into a batch).
 *
 * <p>If the pipeline itself throws (an engine or operator error that escaped the pipeline's own
 * handling), the event in hand and everything the pipeline holds are failed, and the pipeline is
 * compiled again with exponential backoff; too many failures within a window quarantine it. A call
 * into the pipeline (an event, a tick, compiling) that runs past {@code call.timeout_ms} gets the
 * thread abandoned by the {@link Watchdog}: the events of the batch not fed in yet go back to the
 * inbox, those the pipeline holds are failed, and the engine starts a new runner with new operators.
 */
public final class PipelineRunner extends ManagerThread {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final long PUBLISH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final VarHandle CURSOR;

    static {
        try {
            CURSOR = MethodHandles.lookup().findVarHandle(PipelineRunner.class, "cursor", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PipelineSlot slot;
    private final PipelineSetup setup;
    private final Dispatcher dispatcher;
    private final Backoff backoff;
    private final FailureLog failures;
    private final Holds holds = new Holds();
    private final Listener listener = new Listener();
    private final Map<String, String> pausedBy = new LinkedHashMap<>();
    private final Map<String, Boolean> reportedHealth = new java.util.HashMap<>();
    private final Map<String, Long> operatorFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private java.util.Set<String> inputPorts = java.util.Set.of();
    private final long tickNanos;
    private Map<String, Map<String, Object>> restoredState;
    private Pipeline pipeline;
    private long nextTickNanos;
    private long nextPublishNanos;
    private long drainDeadlineNanos;
    private final FaultLimits limits;
    private final long callNanos;
    private final long closeNanos;
    private boolean quarantined;
    /** The batch being fed in, and (through {@link #CURSOR}) the first entry of it not fed in yet. */
    private Batch current;
    @SuppressWarnings("unused") // through CURSOR
    private int cursor;

    /**
     * @param slot          the pipeline's place in the flows
     * @param setup         how to build and run it
     * @param restoredState per-node state to hand to the pipeline when it is built
     */
    public PipelineRunner(PipelineSlot slot, PipelineSetup setup, Map<String, Map<String, Object>> restoredState) {
        super(slot.label(), "weir-pipeline-" + slot.name());
        this.slot = slot;
        this.setup = setup;
        this.dispatcher = new Dispatcher(slot.counters(), setup.batchSize(), this::backpressure, true);
        this.backoff = new Backoff(setup.backoffMillis(), setup.maxBackoffMillis());
        this.failures = new FailureLog(LOG, label);
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, setup.tickIntervalMillis()));
        this.restoredState = restoredState == null ? Map.of() : restoredState;
        this.limits = setup.limits();
        this.callNanos = TimeUnit.MILLISECONDS.toNanos(limits.callTimeoutMillis());
        this.closeNanos = TimeUnit.MILLISECONDS.toNanos(setup.closeTimeoutMillis());
    }

    /** @return the setup this runner runs */
    public PipelineSetup setup() {
        return setup;
    }

    /** @return consecutive failures of the pipeline */
    public int failures() {
        return backoff.failures();
    }

    /** @return how long {@link #stop} should wait */
    public long stopTimeoutMillis() {
        return 2 * setup.closeTimeoutMillis() + 1000;
    }

    @Override
    protected void wakeUp() {
        super.wakeUp();
        slot.inbox().wake();
    }

    @Override
    protected void begin() {
        if (onWorkers()) {
            Workers.Task task = task();
            dispatcher.neverWait(task::schedule);
            slot.inbox().consumer(task);
        }
    }

    @Override
    protected void step() {
        long now = System.nanoTime();
        Inbox full = dispatcher.handHeld();
        if (full != null) {
            // On the workers: nothing new is taken until what the last batch emitted went downstream.
            backpressure(full);
            // Woken when there is room; no tick meanwhile, as a thread waiting in put does not tick either.
            idle(LOOK_AGAIN_NANOS);
            return;
        }
        if (pipeline == null) {
            String quarantine = slot.faults().quarantined();
            if (quarantine != null) {
                quarantined = true;
                slot.breaker().open("is quarantined: " + quarantine);
                state(NodeState.QUARANTINED, "quarantined: " + quarantine + "; weir:restart " + label
                        + " or a new version of its operators clears it");
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
                build(now);
            }
            return;
        }
        Batch batch = slot.inbox().poll(onWorkers() ? 0 : Math.max(0, nextTickNanos - now));
        // Read the routes after the wait, so a batch never goes by routes older than itself.
        dispatcher.adopt(slot.routes());
        if (batch != null) {
            process(batch);
        }
        now = System.nanoTime();
        if (pipeline != null && now - nextTickNanos >= 0) {
            nextTickNanos = now + tickNanos;
            tick(now);
        }
        dispatcher.flushAll();
        if (state() == NodeState.RUNNING && reason() != null) {
            state(NodeState.RUNNING, null);
        }
        if (pipeline != null && now - nextPublishNanos >= 0) {
            nextPublishNanos = now + PUBLISH_NANOS;
            publishCounters();
        }
        if (batch == null && onWorkers()) {
            // The inbox queues the task when a batch comes; the tick is timed.
            idle(Math.max(1, nextTickNanos - now));
        }
    }

    private void build(long now) {
        state(NodeState.STARTING, null);
        guard().enter("compile", callNanos);
        Throwable thrown = null;
        Pipeline built = null;
        java.util.Set<String> ports = null;
        try {
            built = setup.builder().build(listener, restoredState);
            if (built == null) {
                throw new IllegalStateException("the pipeline compiler returned nothing");
            }
            ports = java.util.Set.copyOf(built.inputPorts());
        } catch (Throwable t) {
            thrown = t;
        }
        guard().exit();
        if (thrown != null) {
            pipeline = built;
            failed("compile", thrown);
            return;
        }
        pipeline = built;
        inputPorts = ports;
        restoredState = Map.of();
        reportedHealth.clear();
        synchronized (pausedBy) {
            pausedBy.clear();
        }
        slot.breaker().close();
        backoff.up(now);
        if (backoff.failures() > 0) {
            LOG.info("{}: running again after {} failure(s)", label, backoff.failures());
            failures.recovered();
        }
        nextTickNanos = now + tickNanos;
        nextPublishNanos = now;
        state(NodeState.RUNNING, null);
        started(System.nanoTime(), 0);
    }

    private void process(Batch batch) {
        String port = batch.port();
        current = batch;
        CURSOR.setRelease(this, 0);
        // Every event of the batch is received, whatever becomes of it: one atomic addition per batch, not per event.
        slot.counters().in.add(batch.events());
        // A batch goes to one port: looked up once, not per event.
        boolean enters = inputPorts.contains(port);
        guard().enter("process", callNanos);
        for (int i = 0; i < batch.size(); i++) {
            CURSOR.setRelease(this, i);
            guard().progress();
            Event event = batch.event(i);
            if (event == null) {
                dispatcher.endStream((StreamEnd) batch.tokens(i));
                continue;
            }
            Object tokens = batch.tokens(i);
            if (!enters) {
                // A flow links to an input the pipeline does not have: the event cannot enter.
                slot.counters().err.increment();
                lastError("no input port '" + port + "' (its inputs: " + String.join(", ", new java.util.TreeSet<>(
                        inputPorts)) + "); the flow links to it");
                Tokens.release(tokens, false);
                continue;
            }
            holds.enter(event, tokens);
            // From here on the holds stand for this event.
            CURSOR.setRelease(this, i + 1);
            Throwable thrown = null;
            try {
                pipeline.process(port, event);
            } catch (Throwable t) {
                thrown = t;
            }
            guard().check();
            if (thrown != null) {
                guard().exit();
                // The batch stays current while the pipeline is closed: abandoned in close(), the watchdog gives
                // the rest of it back from the cursor (i + 1), which failRest would fail otherwise.
                failed("process", thrown);
                current = null;
                failRest(batch, i + 1);
                return;
            }
            holds.settle();
        }
        guard().exit();
        current = null;
    }

    private void failRest(Batch batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.event(i) != null) {
                slot.counters().dropped.increment();
                Tokens.release(batch.tokens(i), false);
            } else {
                dispatcher.endStream((StreamEnd) batch.tokens(i));
            }
        }
    }

    private void tick(long now) {
        guard().enter("tick", callNanos);
        Throwable thrown = null;
        try {
            pipeline.tick(now);
        } catch (Throwable t) {
            thrown = t;
        }
        guard().exit();
        if (thrown != null) {
            failed("tick", thrown);
            return;
        }
        holds.settle();
        reportHealth();
    }

    /** Tells the pipeline which of its outputs lead to an open breaker (round-robin takes them out of rotation). */
    private void reportHealth() {
        Map<String, java.util.List<Breaker>> outputs = slot.outputBreakers();
        for (Map.Entry<String, java.util.List<Breaker>> output : outputs.entrySet()) {
            boolean healthy = true;
            for (Breaker breaker : output.getValue()) {
                healthy &= breaker.isClosed();
            }
            Boolean before = reportedHealth.put(output.getKey(), healthy);
            if (before == null ? !healthy : before != healthy) {
                guard().enter("outputHealth", callNanos);
                Throwable thrown = null;
                try {
                    pipeline.outputHealth(output.getKey(), healthy);
                } catch (Throwable t) {
                    thrown = t;
                }
                guard().exit();
                if (thrown != null) {
                    failed("outputHealth", thrown);
                    return;
                }
                holds.settle();
            }
        }
    }

    private void publishCounters() {
        try {
            slot.nodeCounters(pipeline.counters());
        } catch (Throwable t) {
            lastError("counters failed: " + t);
        }
    }

    private void failed(String call, Throwable t) {
        long now = System.nanoTime();
        long delay = backoff.failed(now);
        String line = failures.failed(call, t, delay);
        lastError(line);
        Thread.interrupted();
        startFailed(line);
        String quarantine = slot.faults().failed(now, limits, line);
        slot.breaker().open(quarantine != null ? "is quarantined: " + quarantine : "failed: " + line);
        discardPipeline();
        dispatcher.flushAll();
        state(NodeState.FAILED, line + "; compiling it again in " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms");
        if (quarantine != null) {
            LOG.error("{}: quarantined after {}; it is not compiled again until weir:restart {} or a new version of"
                    + " its operators", label, quarantine, label);
        }
    }

    private void discardPipeline() {
        Pipeline broken = pipeline;
        pipeline = null;
        if (broken != null) {
            Throwable thrown = closeGuarded(broken);
            if (thrown != null) {
                LOG.warn("{}: close failed: {}", label, thrown.toString());
            }
        }
        int failed = holds.failAll();
        slot.counters().dropped.add(failed);
    }

    private Throwable closeGuarded(Pipeline closing) {
        guard().enter("close", closeNanos);
        Throwable thrown = null;
        try {
            closing.close();
        } catch (Throwable t) {
            thrown = t;
        }
        guard().exit();
        return thrown;
    }

    @Override
    protected void shutdown() {
        drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(setup.closeTimeoutMillis());
        // What is held for full inboxes goes first, waited for until the drain deadline like everything after it.
        dispatcher.waitHeld();
        if (pipeline != null) {
            publishCounters();
            guard().enter("snapshot", callNanos);
            Throwable thrown = null;
            Map<String, Map<String, Object>> state = null;
            try {
                state = pipeline.snapshot();
            } catch (Throwable t) {
                thrown = t;
            }
            guard().exit();
            if (thrown != null) {
                LOG.warn("{}: snapshot failed, its state is not handed over: {}", label, thrown.toString());
            } else {
                slot.lastState(state);
            }
            Pipeline stopping = pipeline;
            pipeline = null;
            thrown = closeGuarded(stopping);
            if (thrown != null) {
                LOG.warn("{}: close failed: {}", label, thrown.toString());
            } else {
                holds.settle();
            }
            // Events the operators still hold after close are failed, as the operator API says.
            holds.failAll();
        } else {
            // Never compiled: the state it was given goes on to the next runner.
            slot.lastState(restoredState);
        }
        dispatcher.flushAll();
        slot.breaker().open("is stopped");
    }

    /**
     * Abandoned in a stuck call: the entries of the batch not fed in yet go back to the head of the
     * inbox, what the pipeline holds is failed (its sources may replay it), and what it emitted is handed
     * on (or failed where the next inbox is full: this thread does not wait).
     */
    @Override
    protected void takeBack() {
        int from = (int) CURSOR.getAcquire(this);
        Batch batch = current;
        if (batch != null && from < batch.size()) {
            Batch rest = new Batch(batch.port(), batch.size() - from);
            for (int i = from; i < batch.size(); i++) {
                if (batch.event(i) == null) {
                    rest.addStreamEnd((StreamEnd) batch.tokens(i));
                } else {
                    rest.add(batch.event(i), batch.tokens(i));
                }
            }
            // Counted as received when the batch came; they are received again by the runner that takes them.
            slot.counters().in.add(-rest.events());
            if (!slot.inbox().requeue(List.of(rest))) {
                slot.counters().dropped.add(rest.failAll());
            }
        }
        slot.counters().dropped.add(holds.failAll());
        // What was held for a full inbox goes first; abandoned, the manager gives up on a full inbox at once and
        // fails the batch, so that its sources hear about it.
        dispatcher.waitHeld();
        dispatcher.flushAll();
    }

    private boolean backpressure(Inbox full) {
        // Waiting for room downstream is not the pipeline's fault: the guard's clock starts again.
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
            drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(setup.closeTimeoutMillis());
        }
        return System.nanoTime() > drainDeadlineNanos;
    }

    /** Operators may ask for pauses from their own threads: the requests are kept under a lock. */
    private void updateBreaker() {
        synchronized (pausedBy) {
            if (pipeline == null) {
                return;
            }
            if (pausedBy.isEmpty()) {
                slot.breaker().close();
                state(NodeState.RUNNING, null);
            } else {
                Map.Entry<String, String> first = pausedBy.entrySet().iterator().next();
                String reason = "node '" + first.getKey() + "' asked to pause: " + first.getValue();
                slot.breaker().open("is paused: " + reason);
                state(NodeState.PAUSED, reason);
            }
        }
    }

    /** Receives what the pipeline does; called on the runner's thread only. */
    private final class Listener implements PipelineListener {
        @Override
        public void emit(String port, Event event) {
            if (guard().isAbandoned()) {
                return;
            }
            dispatcher.emit(port, event, holds.tokensFor(event));
            publish();
        }

        @Override
        public void complete(Event event, boolean success) {
            if (guard().isAbandoned()) {
                return;
            }
            holds.complete(event, success);
            publish();
        }

        /** Makes what this call changed visible to {@link #takeBack} should the thread be abandoned later. */
        private void publish() {
            CURSOR.setRelease(PipelineRunner.this, (int) CURSOR.getOpaque(PipelineRunner.this));
        }

        @Override
        public void pauseUpstream(String node, String reason) {
            if (guard().isAbandoned()) {
                return;
            }
            synchronized (pausedBy) {
                pausedBy.put(node, reason == null ? "no reason given" : reason);
                updateBreaker();
            }
        }

        @Override
        public void resumeUpstream(String node) {
            if (guard().isAbandoned()) {
                return;
            }
            synchronized (pausedBy) {
                if (pausedBy.remove(node) != null) {
                    updateBreaker();
                }
            }
        }

        @Override
        public void operatorFailed(String node, String call, Throwable error) {
            String line = "node '" + node + "': " + call + " failed: " + error;
            lastError(line);
            long n = operatorFailures.merge(node + "/" + call, 1L, Long::sum);
            // A broken tick repeats every tick: the first one with its stack, then one line per thousand.
            if (n == 1) {
                LOG.warn("{}: {}; the operator stays in place", label, line, error);
            } else if (n % 1000 == 0) {
                LOG.warn("{}: {} ({} times so far)", label, line, n);
            }
        }
    }
}
