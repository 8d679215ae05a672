package io.weir.pipeline.internal.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.pipeline.internal.graph.PipelineConfig.Link;
import io.weir.pipeline.internal.graph.PipelineConfig.NodeSpec;

/** Turns a checked {@link PipelineConfig} into a running {@link Pipeline}: creates the operators and links them. */
public final class GraphBuilder {
    private GraphBuilder() {
    }

    /**
     * See {@link io.weir.pipeline.graph.PipelineCompiler#compile}.
     *
     * @throws IllegalArgumentException naming the key at fault
     */
    public static Pipeline build(String name, Map<String, ?> config, Function<String, OperatorFactory> types,
            Map<String, Map<String, Object>> restoredState, PipelineListener listener) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(listener, "listener");
        Map<String, Map<String, Object>> restored = restoredState == null ? Map.of() : restoredState;
        PipelineConfig graph = PipelineConfig.parse(config);

        String[] inputs = graph.inputs.toArray(new String[0]);
        String[] outputs = graph.outputs.toArray(new String[0]);
        Map<String, Integer> inputIndex = indexOf(inputs);
        Map<String, Integer> outputIndex = indexOf(outputs);
        Map<String, Integer> nodeIndex = indexOf(graph.order.toArray(new String[0]));
        CompiledPipeline pipeline = new CompiledPipeline(name, listener, inputs, outputs);

        Node[] nodes = new Node[graph.order.size()];
        List<Operator> created = new ArrayList<>();
        try {
            for (int i = 0; i < nodes.length; i++) {
                NodeSpec spec = graph.nodes.get(graph.order.get(i));
                NodeContext context = new NodeContext(spec.name, name, restored.get(spec.name), listener);
                Operator operator = create(spec, context, types);
                created.add(operator);
                String errSource = spec.name + "." + Names.ERR;
                int errTarget = CompiledPipeline.outputTarget(outputIndex.get(Names.ERR));
                for (Link link : graph.links) {
                    if (link.fromPort != null && link.source().equals(errSource)) {
                        errTarget = target(link.to, nodeIndex, outputIndex);
                    }
                }
                nodes[i] = new Node(spec.name, spec.type, context, operator, pipeline, errTarget);
            }
            for (Link link : graph.links) {
                int target = target(link.to, nodeIndex, outputIndex);
                if (link.fromPort == null) {
                    pipeline.linkInput(inputIndex.get(link.from), target);
                } else {
                    Node from = nodes[nodeIndex.get(link.from)];
                    checkDeclared(from, link.fromPort);
                    from.link(link.fromPort, target);
                }
            }
            List<HealthWatch> watches = new ArrayList<>();
            for (Node node : nodes) {
                if (node.operator instanceof PortAware) {
                    PortAware aware = (PortAware) node.operator;
                    checkRequired(node, aware);
                    for (String port : new TreeSet<>(aware.outputPorts())) {
                        int target = node.target(port);
                        if (target != Node.UNLINKED) {
                            BitSet reached = reach(target, nodes, new HashMap<>());
                            watches.add(new HealthWatch(node, aware, port, reached.stream().toArray(), listener));
                        }
                    }
                }
            }
            pipeline.nodes(nodes);
            pipeline.healthWatches(watches.toArray(new HealthWatch[0]));
            return pipeline;
        } catch (RuntimeException | Error e) {
            CompiledPipeline.discard(created);
            throw e;
        }
    }

    private static Operator create(NodeSpec spec, NodeContext context, Function<String, OperatorFactory> types) {
        String key = "node." + spec.name + ".type";
        OperatorFactory factory = types.apply(spec.type);
        if (factory == null) {
            throw new IllegalArgumentException(key + ": unknown operator type '" + spec.type
                    + "' (no operator of that type is installed)");
        }
        Operator operator;
        try {
            operator = factory.create(context, spec.options);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            String prefix = "node." + spec.name;
            throw new IllegalArgumentException(message.startsWith(prefix) ? message : prefix + ": " + message, e);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw new IllegalArgumentException(key + ": operator type '" + spec.type + "' failed to create node "
                    + spec.name + ": " + e, e);
        }
        if (operator == null) {
            throw new IllegalArgumentException(key + ": operator type '" + spec.type + "' created no operator");
        }
        return operator;
    }

    private static void checkDeclared(Node node, String port) {
        if (node.operator instanceof PortAware && !port.equals(Names.ERR)) {
            Set<String> ports = ((PortAware) node.operator).outputPorts();
            if (!ports.contains(port)) {
                // err is every node's port, named last; an operator may list it among its own ports too.
                Set<String> others = new TreeSet<>(ports);
                others.remove(Names.ERR);
                throw new IllegalArgumentException(PipelineConfig.LINKS + ": node " + node.name + " (" + node.type
                        + ") has no port '" + port + "'; "
                        + (others.isEmpty() ? "its only port is err" : "its ports are " + String.join(", ", others)
                                + " and err"));
            }
        }
    }

    private static void checkRequired(Node node, PortAware operator) {
        for (String port : new TreeSet<>(operator.requiredPorts())) {
            if (node.target(port) == Node.UNLINKED) {
                throw new IllegalArgumentException(PipelineConfig.LINKS + ": " + node.name + "." + port
                        + " is not linked; a " + node.type + " node needs every one of its ports linked");
            }
        }
    }

    /** The pipeline outputs reached from a target, following every link except those from err ports. */
    private static BitSet reach(int target, Node[] nodes, Map<Integer, BitSet> memo) {
        if (target < 0) {
            BitSet output = new BitSet();
            output.set(-target - 1);
            return output;
        }
        BitSet known = memo.get(target);
        if (known != null) {
            return known;
        }
        BitSet reached = new BitSet();
        Node node = nodes[target];
        for (int next : node.linkedTargetsExceptErr()) {
            reached.or(reach(next, nodes, memo));
        }
        memo.put(target, reached);
        return reached;
    }

    private static Map<String, Integer> indexOf(String[] names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        return index;
    }

    private static int target(String to, Map<String, Integer> nodeIndex, Map<String, Integer> outputIndex) {
        Integer node = nodeIndex.get(to);
        return node != null ? node : CompiledPipeline.outputTarget(outputIndex.get(to));
    }
}
