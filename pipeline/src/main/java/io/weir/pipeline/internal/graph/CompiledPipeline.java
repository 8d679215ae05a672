package io.weir.pipeline.internal.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;

/**
 * The running graph. Events travel depth-first by plain method calls: an operator's emit runs the
 * next node before it returns. The graph has no cycle, so the call depth is at most the number of
 * nodes and no node is ever re-entered.
 */
final class CompiledPipeline implements Pipeline {
    private final String name;
    private final PipelineListener listener;
    /** Nodes upstream first. */
    private Node[] nodes = new Node[0];
    private final String[] inputNames;
    private final int[] inputTargets;
    private final long[] inputCounts;
    private final String[] outputNames;
    private final long[] outputCounts;
    private final boolean[] outputHealthy;
    private HealthWatch[] healthWatches = new HealthWatch[0];
    private boolean closed;

    CompiledPipeline(String name, PipelineListener listener, String[] inputNames, String[] outputNames) {
        this.name = name;
        this.listener = listener;
        this.inputNames = inputNames;
        this.inputTargets = new int[inputNames.length];
        this.inputCounts = new long[inputNames.length];
        this.outputNames = outputNames;
        this.outputCounts = new long[outputNames.length];
        this.outputHealthy = new boolean[outputNames.length];
        Arrays.fill(outputHealthy, true);
    }

    void nodes(Node[] nodes) {
        this.nodes = nodes;
    }

    void linkInput(int input, int target) {
        inputTargets[input] = target;
    }

    void healthWatches(HealthWatch[] watches) {
        this.healthWatches = watches;
    }

    static int outputTarget(int output) {
        return -(output + 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> inputPorts() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(inputNames)));
    }

    @Override
    public Set<String> outputPorts() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(outputNames)));
    }

    @Override
    public void process(String inputPort, Event event) {
        if (closed) {
            throw new IllegalStateException("pipeline " + name + " is closed");
        }
        int input = input(inputPort);
        inputCounts[input]++;
        route(null, inputTargets[input], event);
    }

    private int input(String port) {
        for (int i = 0; i < inputNames.length; i++) {
            if (inputNames[i] == port) {
                return i;
            }
        }
        for (int i = 0; i < inputNames.length; i++) {
            if (inputNames[i].equals(port)) {
                return i;
            }
        }
        throw new IllegalArgumentException("pipeline " + name + " has no input port '" + port + "' (inputs: "
                + String.join(", ", inputNames) + ")");
    }

    /** Sends an event where a port leads: to a node, out of the pipeline, or (unlinked) acknowledged. */
    void route(Node from, int target, Event event) {
        if (target >= 0) {
            nodes[target].process(event);
        } else if (target != Node.UNLINKED) {
            int output = -target - 1;
            outputCounts[output]++;
            listener.emit(outputNames[output], event);
        } else {
            if (from != null) {
                from.dropped++;
            }
            listener.complete(event, true);
        }
    }

    void completed(Event event, boolean success) {
        listener.complete(event, success);
    }

    @Override
    public void tick(long nowNanos) {
        if (closed) {
            return;
        }
        for (Node node : nodes) {
            try {
                node.operator.tick(nowNanos, node);
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                node.thrown++;
                listener.operatorFailed(node.name, "tick", t);
            }
        }
    }

    @Override
    public void outputHealth(String outputPort, boolean healthy) {
        for (int i = 0; i < outputNames.length; i++) {
            if (outputNames[i].equals(outputPort)) {
                if (outputHealthy[i] != healthy) {
                    outputHealthy[i] = healthy;
                    for (HealthWatch watch : healthWatches) {
                        watch.update(outputHealthy);
                    }
                }
                return;
            }
        }
    }

    @Override
    public Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        for (int i = 0; i < inputNames.length; i++) {
            counters.put(inputNames[i], Map.of(Names.OUT, inputCounts[i]));
        }
        for (Node node : nodes) {
            counters.put(node.name, node.counters());
        }
        for (int i = 0; i < outputNames.length; i++) {
            counters.put(outputNames[i], Map.of(Names.IN, outputCounts[i]));
        }
        return counters;
    }

    @Override
    public Map<String, Map<String, Object>> snapshot() {
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        for (Node node : nodes) {
            try {
                Map<String, Object> nodeState = node.operator.snapshot();
                if (nodeState != null && !nodeState.isEmpty()) {
                    state.put(node.name, nodeState);
                }
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                listener.operatorFailed(node.name, "snapshot", t);
            }
        }
        return state;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (Node node : nodes) {
            try {
                node.operator.close(node);
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                listener.operatorFailed(node.name, "close", t);
            }
        }
        closed = true;
        for (Node node : nodes) {
            node.context.resumeUpstream();
        }
    }

    /** Closes operators of a pipeline that failed to compile, discarding anything they emit. */
    static void discard(Iterable<Operator> operators) {
        Emitter nowhere = new Emitter() {
            @Override
            public void emit(String port, Event event) {
            }

            @Override
            public void complete(Event event, boolean success) {
            }
        };
        for (Operator operator : operators) {
            try {
                operator.close(nowhere);
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
            }
        }
    }

    @Override
    public String toString() {
        return "Pipeline[" + name + "]";
    }
}
