package io.weir.runtime.internal.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.weir.api.event.Event;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.runtime.internal.config.PipelineSpec;
import io.weir.runtime.internal.manager.ManagerOptions;
import io.weir.runtime.internal.manager.PipelineBuilder;
import io.weir.runtime.internal.manager.PipelineRunner;
import io.weir.runtime.internal.manager.PipelineSetup;
import io.weir.runtime.internal.manager.PipelineSlot;

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

    PipelineNode(PipelineSlot slot) {
        this.slot = slot;
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

    /** Replaces the runner with one for the new key, handing over the state of nodes whose type is unchanged. */
    void restart(FlowEngine.Compiler compiler, PipelineKey next, ManagerOptions base) {
        Map<String, Map<String, Object>> restored = Map.of();
        if (runner != null) {
            PipelineSpec previous = key.spec();
            stop();
            restored = carriedNodes(slot.lastState(), previous, next.spec());
        }
        slot.lastState(Map.of());
        PipelineSpec spec = next.spec();
        String name = slot.name();
        PipelineBuilder builder = (listener, state) -> compiler.compile(name, spec.config(), next.factories()::get,
                state, listener);
        slot.inbox().capacity(spec.queueCapacity());
        runner = new PipelineRunner(slot, new PipelineSetup(name, builder, spec.batchSize(), spec.tickIntervalMillis(),
                base.backoffMillis(), base.maxBackoffMillis(), base.closeTimeoutMillis()), restored);
        key = next;
        runner.start();
    }

    void stop() {
        if (runner != null) {
            runner.stop(runner.stopTimeoutMillis());
            runner = null;
            key = null;
        }
    }

    NodeView view(String origin) {
        String reason = runner != null ? runner.reason() : problem.reason();
        if (note != null) {
            reason = reason == null ? note : reason + "; " + note;
        }
        return new NodeView(slot.label(), "pipeline", runner != null ? runner.state() : problem.state(), reason, origin,
                null, slot.counters().snapshot(), null, slot.inbox().size(), slot.inbox().capacity(),
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
