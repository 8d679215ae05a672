package io.weir.runtime.internal.testing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.weir.api.event.Event;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;

/** A test double of a compiled pipeline whose behaviour the test scripts. */
public class ScriptedPipeline implements Pipeline {

    /** What the pipeline does with each event and tick. */
    public interface Behaviour {
        void process(String port, Event event, PipelineListener out) throws Exception;

        default void tick(long nowNanos, PipelineListener out) {
        }

        default void close(PipelineListener out) {
        }
    }

    public final AtomicInteger processed = new AtomicInteger();
    public final java.util.Map<String, Boolean> health = new java.util.concurrent.ConcurrentHashMap<>();
    public volatile java.util.Set<String> inputs = java.util.Set.of("in");
    public volatile java.util.Set<String> outputs = java.util.Set.of("out", "err");
    public final AtomicInteger ticks = new AtomicInteger();
    public volatile boolean closed;
    private final String name;
    private final PipelineListener listener;
    private final Behaviour behaviour;

    public ScriptedPipeline(String name, PipelineListener listener, Behaviour behaviour) {
        this.name = name;
        this.listener = listener;
        this.behaviour = behaviour;
    }

    /** Passes every event to {@code out}. */
    public static Behaviour passThrough() {
        return (port, event, out) -> out.emit("out", event);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.Set<String> inputPorts() {
        return inputs;
    }

    @Override
    public java.util.Set<String> outputPorts() {
        return outputs;
    }

    @Override
    public void outputHealth(String outputPort, boolean healthy) {
        health.put(outputPort, healthy);
    }

    @Override
    public void process(String inputPort, Event event) {
        processed.incrementAndGet();
        try {
            behaviour.process(inputPort, event, listener);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void tick(long nowNanos) {
        ticks.incrementAndGet();
        behaviour.tick(nowNanos, listener);
    }

    @Override
    public Map<String, Map<String, Long>> counters() {
        return Map.of("node", Map.of("in", (long) processed.get()));
    }

    @Override
    public Map<String, Map<String, Object>> snapshot() {
        return Map.of("node", Map.of("processed", (long) processed.get()));
    }

    @Override
    public void close() {
        closed = true;
        behaviour.close(listener);
    }
}
