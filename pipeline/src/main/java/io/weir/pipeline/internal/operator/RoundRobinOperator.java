package io.weir.pipeline.internal.operator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.pipeline.internal.graph.PortAware;

/**
 * Sends events to its outputs in turn. An output whose downstream is unhealthy (the engine's port
 * health signal, from the sinks' circuit breakers) is out of rotation until it recovers. With every
 * output out of rotation the operator pauses the sources, and events still arriving fail to the
 * {@code err} port.
 */
final class RoundRobinOperator implements Operator, PortAware {
    static final String NEXT = "next";

    private final OperatorContext context;
    private final String[] outputs;
    private final boolean[] healthy;
    private int healthyCount;
    private int next;

    RoundRobinOperator(OperatorContext context, List<String> outputs) {
        this.context = context;
        this.outputs = outputs.toArray(new String[0]);
        this.healthy = new boolean[this.outputs.length];
        java.util.Arrays.fill(healthy, true);
        this.healthyCount = this.outputs.length;
        Object restored = context.restoredState().get(NEXT);
        if (restored instanceof Number) {
            this.next = Math.floorMod(((Number) restored).intValue(), this.outputs.length);
        }
    }

    @Override
    public void process(Event event, Emitter out) {
        if (healthyCount == 0) {
            throw new IllegalStateException("node." + context.name() + ": every output is out of rotation ("
                    + String.join(", ", outputs) + " lead to unhealthy outputs)");
        }
        while (!healthy[next]) {
            next = (next + 1) % outputs.length;
        }
        String port = outputs[next];
        next = (next + 1) % outputs.length;
        out.emit(port, event);
    }

    @Override
    public void portHealth(String port, boolean nowHealthy) {
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].equals(port) && healthy[i] != nowHealthy) {
                healthy[i] = nowHealthy;
                healthyCount += nowHealthy ? 1 : -1;
                if (healthyCount == 0) {
                    context.pauseUpstream("every output of node " + context.name() + " is out of rotation");
                } else if (nowHealthy && healthyCount == 1) {
                    context.resumeUpstream();
                }
            }
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of(NEXT, (long) next);
    }

    @Override
    public Set<String> outputPorts() {
        return new LinkedHashSet<>(List.of(outputs));
    }

    @Override
    public Set<String> requiredPorts() {
        return outputPorts();
    }
}
