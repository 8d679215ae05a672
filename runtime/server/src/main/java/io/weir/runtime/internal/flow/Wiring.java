package io.weir.runtime.internal.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.weir.runtime.internal.config.Endpoint;
import io.weir.runtime.internal.config.Link;
import io.weir.runtime.internal.manager.Breaker;
import io.weir.runtime.internal.manager.Gate;
import io.weir.runtime.internal.manager.Routes;

/**
 * Publishes what the links of all flows mean for the running nodes: where each producer's ports
 * lead (routes), which breakers each source waits for (its gate, with the operator's pauses), and
 * which breakers lie behind each output of a pipeline (for round-robin). Routes are published only
 * when they change; producers switch to them between batches.
 */
final class Wiring {
    private final Map<String, SourceNode> sources;
    private final Map<String, PipelineNode> pipelines;
    private final Map<String, SinkNode> sinks;
    private final Map<String, Map<String, List<Routes.Target>>> routes = new HashMap<>();
    private final Map<String, Set<String>> downstream = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> portTargets = new HashMap<>();

    private Wiring(Map<String, SourceNode> sources, Map<String, PipelineNode> pipelines, Map<String, SinkNode> sinks) {
        this.sources = sources;
        this.pipelines = pipelines;
        this.sinks = sinks;
    }

    static void publish(Map<String, FlowEntry> flows, Map<String, SourceNode> sources,
            Map<String, PipelineNode> pipelines, Map<String, SinkNode> sinks) {
        Wiring wiring = new Wiring(sources, pipelines, sinks);
        flows.values().forEach(wiring::add);
        wiring.publishRoutes();
        wiring.publishOutputBreakers();
        wiring.publishGates(flows);
    }

    private void add(FlowEntry entry) {
        if (entry.spec == null) {
            return;
        }
        for (Link link : entry.spec.links()) {
            Routes.Target target = target(link.to());
            if (target == null) {
                continue;
            }
            String from = link.from().node();
            List<Routes.Target> targets = routes.computeIfAbsent(from, n -> new LinkedHashMap<>())
                    .computeIfAbsent(link.from().port(), p -> new ArrayList<>());
            if (!targets.contains(target)) {
                targets.add(target);
            }
            downstream.computeIfAbsent(from, n -> new LinkedHashSet<>()).add(link.to().node());
            portTargets.computeIfAbsent(from, n -> new HashMap<>())
                    .computeIfAbsent(link.from().port(), p -> new LinkedHashSet<>()).add(link.to().node());
        }
    }

    private void publishRoutes() {
        for (SourceNode node : sources.values()) {
            publish(node.slot.routes(), routes.get(node.slot.label()), node.slot::routes);
        }
        for (PipelineNode node : pipelines.values()) {
            publish(node.slot.routes(), routes.get(node.slot.label()), node.slot::routes);
        }
    }

    private static void publish(Routes current, Map<String, List<Routes.Target>> wanted, Consumer<Routes> set) {
        Routes next = wanted == null ? Routes.NONE : new Routes(wanted);
        if (!next.equals(current)) {
            set.accept(next);
        }
    }

    private void publishOutputBreakers() {
        for (PipelineNode node : pipelines.values()) {
            Map<String, List<Breaker>> outputs = new TreeMap<>();
            portTargets.getOrDefault(node.slot.label(), Map.of()).forEach((port, labels) -> {
                List<Breaker> breakers = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (String label : labels) {
                    if (seen.add(label)) {
                        addBreaker(label, breakers);
                        collectBreakers(label, seen, breakers);
                    }
                }
                outputs.put(port, breakers);
            });
            node.slot.outputBreakers(outputs);
        }
    }

    private void publishGates(Map<String, FlowEntry> flows) {
        for (SourceNode node : sources.values()) {
            List<Breaker> breakers = new ArrayList<>();
            collectBreakers(node.slot.label(), new HashSet<>(), breakers);
            node.slot.gate(new Gate(breakers, pausedBy(flows, node.slot.label())));
        }
    }

    private Routes.Target target(Endpoint to) {
        if (to.kind() == Endpoint.Kind.SINK) {
            SinkNode sink = sinks.get(to.name());
            return sink == null ? null : new Routes.Target(sink.slot.inbox(), "in");
        }
        PipelineNode pipeline = pipelines.get(to.name());
        return pipeline == null ? null : new Routes.Target(pipeline.slot.inbox(), to.port());
    }

    private void collectBreakers(String label, Set<String> seen, List<Breaker> breakers) {
        for (String next : downstream.getOrDefault(label, Set.of())) {
            if (seen.add(next)) {
                addBreaker(next, breakers);
                collectBreakers(next, seen, breakers);
            }
        }
    }

    private void addBreaker(String label, List<Breaker> breakers) {
        int slash = label.indexOf('/');
        String kind = label.substring(0, slash);
        String name = label.substring(slash + 1);
        if (kind.equals("sink") && sinks.containsKey(name)) {
            breakers.add(sinks.get(name).slot.breaker());
        } else if (kind.equals("pipeline") && pipelines.containsKey(name)) {
            breakers.add(pipelines.get(name).slot.breaker());
        }
    }

    private static String pausedBy(Map<String, FlowEntry> flows, String sourceLabel) {
        for (Map.Entry<String, FlowEntry> e : flows.entrySet()) {
            FlowEntry entry = e.getValue();
            if (entry.paused && entry.spec != null && entry.spec.nodes().contains(sourceLabel)) {
                return "flow '" + e.getKey() + "' is paused by the operator (weir:resume " + e.getKey() + ")";
            }
        }
        return null;
    }
}
