package io.weir.runtime.internal.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.weir.api.event.Event;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.runtime.internal.config.PipelineSpec;
import io.weir.runtime.internal.manager.ManagerOptions;
import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.manager.PipelineBuilder;
import io.weir.runtime.internal.manager.PipelineRunner;
import io.weir.runtime.internal.manager.PipelineSetup;
import io.weir.runtime.internal.manager.PipelineSlot;
import io.weir.runtime.internal.manager.StartListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A pipeline linked by some flow: its slot (with the inbox), the runner (if any), its ports, and why it does not run. */
final class PipelineNode {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineNode.class);

    final PipelineSlot slot;
    PipelineRunner runner;
    /** What the runner runs. */
    PipelineKey key;
    Problem problem = new Problem();
    /** Why the runner runs an older configuration than the file's. */
    String note;
    /** The ports of the last configuration that compiled, for checking the flows' links. */
    Set<String> inputs;
    Set<String> outputs;
    /** The configuration of the last runner stopped, whose node state the slot keeps for the next one. */
    private PipelineSpec carry;
    /** What the last runner ran: another graph or new operator versions clear a quarantine. */
    private PipelineKey lastKey;
    private final NodeServices services;

    PipelineNode(PipelineSlot slot, NodeServices services) {
        this.slot = slot;
        this.services = services;
    }

    /**
     * Compiles the configuration once, without running it, to learn whether it is right and which
     * ports it has.
     *
     * @return the compiler's message (it starts with the key at fault), or null when it compiled
     */
    String validate(FlowEngine.Compiler compiler, PipelineKey candidate) {
        String name = slot.name();
        try {
            Pipeline probe = compiler.compile(name, candidate.spec().config(), candidate.factories()::get, Map.of(),
                    IGNORE);
            try {
                inputs = Set.copyOf(probe.inputPorts());
                outputs = Set.copyOf(probe.outputPorts());
            } finally {
                probe.close();
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (Throwable t) {
            // An operator factory broke rather than refused the configuration: the runner retries with backoff.
            LOG.warn("pipeline '{}': compiling it to check the configuration failed: {}", name, t.toString());
            return null;
        }
    }

    /**
     * Replaces the runner with one for the new key, handing over the state of nodes whose type is
     * unchanged (also when the previous runner was stopped earlier, as when an operator bundle is
     * swapped: its factory goes first, the new one comes later).
     *
     * @param onStart told how the new runner's first start went (a swap in progress), or null
     */
    void restart(FlowEngine.Compiler compiler, PipelineKey next, ManagerOptions base, StartListener onStart) {
        if (runner != null) {
            stop();
        }
        Map<String, Map<String, Object>> restored = carry == null ? Map.of()
                : carriedNodes(slot.lastState(), carry, next.spec());
        slot.lastState(Map.of());
        carry = null;
        if (!next.equals(lastKey)) {
            slot.faults().clear();
        }
        start(compiler, next, base, restored, onStart);
    }

    private void start(FlowEngine.Compiler compiler, PipelineKey next, ManagerOptions base,
            Map<String, Map<String, Object>> restored, StartListener onStart) {
        PipelineSpec spec = next.spec();
        String name = slot.name();
        PipelineBuilder builder = (listener, state) -> compiler.compile(name, spec.config(), next.factories()::get,
                state, listener);
        slot.inbox().capacity(spec.queueCapacity());
        slot.inbox().byteCapacity(base.queueBytes());
        runner = new PipelineRunner(slot, new PipelineSetup(name, builder, spec.batchSize(), spec.tickIntervalMillis(),
                base.backoffMillis(), base.maxBackoffMillis(), base.closeTimeoutMillis(), base.faultLimits()),
                restored);
        key = next;
        lastKey = next;
        if (onStart != null) {
            runner.onStart(onStart);
        }
        runner.start(services.watchdog, services.workers);
    }

    void stop() {
        if (runner != null) {
            PipelineRunner stopping = runner;
            if (!stopping.stop(stopping.stopTimeoutMillis())) {
                stopping.awaitOutsideRuntime(1_000);
                stopping.recover();
            }
            carry = key.spec();
            runner = null;
            key = null;
        }
    }

    /**
     * Its runner was abandoned in a stuck call: what it held is taken back, the failure counts toward
     * quarantine, and a new runner with new operators takes over (it stays quarantined if that was one
     * failure too many).
     */
    void abandoned(FlowEngine.Compiler compiler, ManagerOptions base) {
        if (runner == null) {
            return;
        }
        PipelineRunner stuck = runner;
        PipelineKey same = key;
        stuck.awaitOutsideRuntime(1_000);
        stuck.recover();
        slot.faults().failed(System.nanoTime(), base.faultLimits(), stuck.lastError());
        runner = null;
        key = null;
        carry = null;
        slot.lastState(Map.of());
        start(compiler, same, base, Map.of(), null);
    }

    /** No flow links it any more. */
    void remove() {
        stop();
        services.swaps.cancel(slot.label(), "no flow links the pipeline any more");
    }

    NodeView view(String origin, long nowNanos) {
        NodeState state;
        String reason;
        if (runner != null) {
            state = runner.state();
            reason = runner.reason();
        } else if (services.swaps.isHeld(slot.label())) {
            state = NodeState.SWAPPING;
            reason = services.swaps.reason(slot.label(), nowNanos);
        } else {
            state = problem.state();
            reason = problem.reason();
        }
        if (note != null) {
            reason = reason == null ? note : reason + "; " + note;
        }
        return new NodeView(slot.label(), "pipeline", state, reason, origin,
                null, slot.counters().snapshot(), null, QueueView.of(slot.inbox()),
                runner == null ? 0 : runner.failures(), runner == null ? null : runner.lastError(),
                slot.nodeCounters());
    }

    private static Map<String, Map<String, Object>> carriedNodes(Map<String, Map<String, Object>> state,
            PipelineSpec previous, PipelineSpec next) {
        Map<String, Map<String, Object>> kept = new LinkedHashMap<>();
        state.forEach((node, nodeState) -> {
            String type = next.operatorTypes().get(node);
            if (type != null && type.equals(previous.operatorTypes().get(node))) {
                kept.put(node, nodeState);
            }
        });
        return kept;
    }

    /** Listens to a pipeline compiled only to check its configuration: it never sees an event. */
    private static final PipelineListener IGNORE = new PipelineListener() {
        @Override
        public void emit(String port, Event event) {
        }

        @Override
        public void complete(Event event, boolean success) {
        }

        @Override
        public void pauseUpstream(String node, String reason) {
        }

        @Override
        public void resumeUpstream(String node) {
        }
    };
}
