package io.weir.runtime.internal.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import io.weir.api.codec.Codec;
import io.weir.api.connector.Sink;
import io.weir.api.connector.Source;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.runtime.internal.config.ConfigException;
import io.weir.runtime.internal.config.ConfigValues;
import io.weir.runtime.internal.config.ConnectorKind;
import io.weir.runtime.internal.config.Endpoint;
import io.weir.runtime.internal.config.FlowParser;
import io.weir.runtime.internal.config.FlowSpec;
import io.weir.runtime.internal.config.Link;
import io.weir.runtime.internal.config.ManagerOptionsParser;
import io.weir.runtime.internal.config.PipelineParser;
import io.weir.runtime.internal.config.PipelineSpec;
import io.weir.runtime.internal.manager.Batch;
import io.weir.runtime.internal.manager.ManagerOptions;
import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.manager.PipelineSlot;
import io.weir.runtime.internal.manager.ProcessorStep;
import io.weir.runtime.internal.manager.SinkSetup;
import io.weir.runtime.internal.manager.SinkSlot;
import io.weir.runtime.internal.manager.SourceSetup;
import io.weir.runtime.internal.manager.SourceSlot;
import io.weir.runtime.internal.stats.CounterSnapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns configuration and plugin services into running flows. It knows the flows, the pipelines,
 * the server-wide manager defaults, and every connector instance, codec, processor and operator type
 * registered; after each change it works out what must run and changes only that: a node whose
 * setup is unchanged keeps running, a changed one is restarted on the same inbox (so waiting events
 * survive), an unused one is stopped. Plain Java: the OSGi components only feed it.
 *
 * <p>A broken configuration is reported once, with the file and the key, and changes nothing that
 * runs. A missing piece (an instance not configured yet, a codec or operator bundle not deployed)
 * leaves the nodes that need it waiting, and the sources upstream paused, until it comes.
 *
 * <p>Calls are serialised; stopping a manager waits for its thread (bounded). Managers never call
 * back into the engine, so nothing here can deadlock with a data path thread.
 */
public final class FlowEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FlowEngine.class);

    /** The pipeline compiler ({@code io.weir.pipeline.graph.PipelineCompiler#compile}). */
    @FunctionalInterface
    public interface Compiler {
        /**
         * @param name          the pipeline's name
         * @param config        its configuration
         * @param operatorTypes the operator factory for a type, or null
         * @param restoredState per-node state to restore
         * @param listener      receives what it emits
         * @return the pipeline
         * @throws IllegalArgumentException when the configuration is wrong; the message starts with the key
         */
        Pipeline compile(String name, Map<String, Object> config, Function<String, OperatorFactory> operatorTypes,
                Map<String, Map<String, Object>> restoredState, PipelineListener listener);
    }

    private final Compiler compiler;
    private final Consumer<String> problems;
    private final Map<String, FlowEntry> flows = new TreeMap<>();
    private final Map<String, PipelineEntry> pipelines = new TreeMap<>();
    private Map<String, Object> defaults = Map.of();
    private final Registry<ConnectorService> sources = new Registry<>();
    private final Registry<ConnectorService> sinks = new Registry<>();
    private final Plugins plugins = new Plugins();
    private final Map<String, SourceNode> sourceNodes = new TreeMap<>();
    private final Map<String, SinkNode> sinkNodes = new TreeMap<>();
    private final Map<String, PipelineNode> pipelineNodes = new TreeMap<>();
    private final Set<Long> unnamedReported = new java.util.HashSet<>();
    /** Connector instances abandoned in a stuck call (by identity), until their service goes. */
    private final Map<Object, String> stuck = new java.util.IdentityHashMap<>();
    private boolean closed;

    /**
     * @param compiler compiles pipelines
     * @param problems receives each configuration problem once, as one line naming the file and key
     */
    public FlowEngine(Compiler compiler, Consumer<String> problems) {
        this.compiler = compiler;
        this.problems = problems;
    }

    // ---------------------------------------------------------------- configuration

    /**
     * A flow configuration was created or changed.
     *
     * @param name  the flow's name
     * @param props its properties
     */
    public synchronized void flowConfigured(String name, Map<String, ?> props) {
        FlowEntry entry = flows.computeIfAbsent(name, n -> new FlowEntry());
        FlowSpec spec;
        try {
            spec = FlowParser.parse(name, props);
            List<Link> all = new ArrayList<>(spec.links());
            flows.forEach((other, e) -> {
                if (!other.equals(name) && e.spec != null) {
                    all.addAll(e.spec.links());
                }
            });
            FlowParser.checkNoCycle(all);
        } catch (ConfigException e) {
            entry.error = ConfigValues.origin(props) + ": " + e.getMessage();
            problems.accept(entry.error + (entry.spec != null ? "; flow '" + name + "' keeps running as before"
                    : "; flow '" + name + "' is not started"));
            return;
        }
        entry.error = null;
        if (spec.equals(entry.spec)) {
            return;
        }
        entry.spec = spec;
        reconcile();
    }

    /** @param name a flow whose configuration was deleted */
    public synchronized void flowRemoved(String name) {
        if (flows.remove(name) != null) {
            reconcile();
        }
    }

    /**
     * A pipeline configuration was created or changed. The new graph replaces the running one only
     * if it compiles; otherwise the running one stays and the error is reported.
     *
     * @param name  the pipeline's name
     * @param props its properties
     */
    public synchronized void pipelineConfigured(String name, Map<String, ?> props) {
        PipelineEntry entry = pipelines.computeIfAbsent(name, n -> new PipelineEntry());
        PipelineSpec spec;
        try {
            spec = PipelineParser.parse(name, props);
        } catch (ConfigException e) {
            entry.error = ConfigValues.origin(props) + ": " + e.getMessage();
            problems.accept(entry.error + (entry.spec != null ? "; pipeline '" + name
                    + "' keeps running its previous configuration" : "; pipeline '" + name + "' is not started"));
            return;
        }
        entry.error = null;
        entry.spec = spec;
        reconcile();
    }

    /** @param name a pipeline whose configuration was deleted */
    public synchronized void pipelineRemoved(String name) {
        if (pipelines.remove(name) != null) {
            reconcile();
        }
    }

    /**
     * The server-wide manager defaults ({@code etc/weir.manager.cfg}) changed.
     *
     * @param props the defaults; empty to go back to the built-in ones
     */
    public synchronized void managerDefaults(Map<String, ?> props) {
        Map<String, Object> next = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, ?> entry : props.entrySet()) {
                String key = entry.getKey();
                if (ConfigValues.isFrameworkKey(key)) {
                    continue;
                }
                if (!ManagerOptionsParser.NUMERIC.contains(key)) {
                    throw new ConfigException(key, "not a manager default; the defaults are "
                            + String.join(", ", new TreeSet<>(ManagerOptionsParser.NUMERIC)));
                }
                next.put(key, entry.getValue());
            }
            ManagerOptionsParser.parse(Map.of(), ConnectorKind.SINK, next);
        } catch (ConfigException e) {
            problems.accept(ConfigValues.origin(props) + ": " + e.getMessage()
                    + "; the previous manager defaults stay in force");
            return;
        }
        if (!next.equals(defaults)) {
            defaults = next;
            reconcile();
        }
    }

    // ---------------------------------------------------------------- plugins

    /**
     * A source or sink service was registered, or its properties changed.
     *
     * @param service the service
     */
    public synchronized void connectorAdded(ConnectorService service) {
        Registry<ConnectorService> registry = service.kind() == ConnectorKind.SOURCE ? sources : sinks;
        String name = service.name();
        if (name == null) {
            registry.remove(service.serviceId());
            if (unnamedReported.add(service.serviceId())) {
                problems.accept(service.origin() + ": this " + service.kind().word() + " of type '" + service.type()
                        + "' has no instance name; name its file " + service.kind().pidPrefix() + service.type()
                        + "-<instance>.cfg");
            }
            return;
        }
        Registry.Entry<ConnectorService> best = registry.best(name);
        registry.put(new Registry.Entry<>(name, service, service.serviceId(), service.ranking(), service.bundle()));
        if (best != null && best.id() != service.serviceId() && registry.best(name).id() == best.id()) {
            problems.accept(service.origin() + ": a " + service.kind().word() + " instance named '" + name
                    + "' is already configured in " + best.service().origin() + "; this one is ignored until that"
                    + " one goes (instance names are unique among " + service.kind().word() + "s)");
        }
        reconcile();
    }

    /**
     * A source or sink service was unregistered. Its manager is stopped before this returns, so the
     * instance is no longer called when its component deactivates.
     *
     * @param kind      source or sink
     * @param serviceId its service id
     */
    public synchronized void connectorRemoved(ConnectorKind kind, long serviceId) {
        unnamedReported.remove(serviceId);
        Registry<ConnectorService> registry = kind == ConnectorKind.SOURCE ? sources : sinks;
        for (Registry.Entry<ConnectorService> entry : registry.all()) {
            if (entry.id() == serviceId) {
                // Its service is gone: drop the reference so that its bundle's class loader can go too.
                stuck.remove(entry.service().instance());
            }
        }
        if (registry.remove(serviceId)) {
            reconcile();
        }
    }

    /**
     * A codec, processor factory or operator factory was registered.
     *
     * @param kind    what it is
     * @param name    its name
     * @param service the service object
     * @param id      its service id
     * @param ranking its service ranking
     * @param bundle  the bundle that registered it
     */
    public synchronized void pluginAdded(PluginKind kind, String name, Object service, long id, int ranking,
            String bundle) {
        if (name == null || name.isBlank()) {
            problems.accept("a " + kind.word() + " service from " + bundle + " has no name property; it is ignored");
            return;
        }
        plugins.add(kind, new Registry.Entry<>(name, service, id, ranking, bundle));
        reconcile();
    }

    /**
     * A codec, processor factory or operator factory was unregistered; what uses it is stopped first.
     *
     * @param kind what it is
     * @param id   its service id
     */
    public synchronized void pluginRemoved(PluginKind kind, long id) {
        if (plugins.remove(kind, id)) {
            reconcile();
        }
    }

    // ---------------------------------------------------------------- operator commands

    /**
     * Pauses a flow: its sources stop pulling until {@link #resume}.
     *
     * @param name the flow
     * @return what happened, for the shell
     * @throws IllegalArgumentException when there is no such flow
     */
    public synchronized String pause(String name) {
        FlowEntry entry = runnableFlow(name);
        if (entry.paused) {
            return "flow '" + name + "' is already paused";
        }
        entry.paused = true;
        wire();
        return "flow '" + name + "' paused: " + sourcesOf(entry.spec) + " stop pulling; events already taken are"
                + " delivered. weir:resume " + name + " continues.";
    }

    /**
     * Resumes a flow paused with {@link #pause}.
     *
     * @param name the flow
     * @return what happened, for the shell
     * @throws IllegalArgumentException when there is no such flow
     */
    public synchronized String resume(String name) {
        FlowEntry entry = runnableFlow(name);
        if (!entry.paused) {
            return "flow '" + name + "' is not paused";
        }
        entry.paused = false;
        wire();
        return "flow '" + name + "' resumed";
    }

    private FlowEntry runnableFlow(String name) {
        FlowEntry entry = flows.get(name);
        if (entry == null || entry.spec == null) {
            throw new IllegalArgumentException("no flow named '" + name + "'" + (flows.isEmpty() ? ""
                    : "; the flows are " + String.join(", ", flows.keySet())));
        }
        return entry;
    }

    private static String sourcesOf(FlowSpec spec) {
        Set<String> names = new TreeSet<>();
        for (Link link : spec.links()) {
            if (link.from().kind() == Endpoint.Kind.SOURCE) {
                names.add(link.from().node());
            }
        }
        return names.isEmpty() ? "no sources" : String.join(", ", names);
    }

    /** Stops every manager; the engine does nothing afterwards. */
    public synchronized void close() {
        closed = true;
        flows.clear();
        removeUnused(Set.of(), Set.of(), Set.of());
    }

    // ---------------------------------------------------------------- reconciling

    private void reconcile() {
        if (closed) {
            return;
        }
        Set<String> wantedSources = new TreeSet<>();
        Set<String> wantedPipelines = new TreeSet<>();
        Set<String> wantedSinks = new TreeSet<>();
        for (FlowEntry entry : flows.values()) {
            if (entry.spec == null) {
                continue;
            }
            for (Link link : entry.spec.links()) {
                for (Endpoint end : List.of(link.from(), link.to())) {
                    switch (end.kind()) {
                        case SOURCE -> wantedSources.add(end.name());
                        case PIPELINE -> wantedPipelines.add(end.name());
                        case SINK -> wantedSinks.add(end.name());
                        default -> throw new IllegalStateException(end.kind().name());
                    }
                }
            }
        }
        removeUnused(wantedSources, wantedPipelines, wantedSinks);
        ManagerOptions base = ManagerOptionsParser.parse(Map.of(), ConnectorKind.SINK, defaults);
        // Every node gets its slot, and every producer its routes and gate, before any manager starts.
        for (String name : wantedSinks) {
            sinkNodes.computeIfAbsent(name, n -> new SinkNode(new SinkSlot(n, base.queueCapacity()), stuck));
        }
        for (String name : wantedPipelines) {
            pipelineNodes.computeIfAbsent(name, n -> new PipelineNode(new PipelineSlot(n, 1024)));
        }
        for (String name : wantedSources) {
            sourceNodes.computeIfAbsent(name, n -> new SourceNode(new SourceSlot(n), stuck));
        }
        wire();
        for (String name : wantedSinks) {
            reconcileSink(sinkNodes.get(name));
        }
        for (String name : wantedPipelines) {
            reconcilePipeline(pipelineNodes.get(name), base);
        }
        for (String name : wantedSources) {
            reconcileSource(sourceNodes.get(name));
        }
    }

    /** Stops what no flow links any more: sources first, so that what they hand on still has somewhere to go. */
    private void removeUnused(Set<String> wantedSources, Set<String> wantedPipelines, Set<String> wantedSinks) {
        for (var it = sourceNodes.values().iterator(); it.hasNext();) {
            SourceNode node = it.next();
            if (!wantedSources.contains(node.slot.name())) {
                node.stop();
                it.remove();
            }
        }
        for (var it = pipelineNodes.values().iterator(); it.hasNext();) {
            PipelineNode node = it.next();
            if (!wantedPipelines.contains(node.slot.name())) {
                node.stop();
                failLeftovers(node.slot.counters(), node.slot.inbox().close());
                it.remove();
            }
        }
        for (var it = sinkNodes.values().iterator(); it.hasNext();) {
            SinkNode node = it.next();
            if (!wantedSinks.contains(node.slot.name())) {
                node.stop();
                failLeftovers(node.slot.counters(), node.slot.inbox().close());
                it.remove();
            }
        }
    }

    private static void failLeftovers(io.weir.runtime.internal.stats.Counters counters, List<Batch> left) {
        for (Batch batch : left) {
            counters.dropped.add(batch.failAll());
        }
    }

    private void reconcileSink(SinkNode node) {
        String name = node.slot.name();
        ConnectorService service = sinks.get(name);
        Problem problem = new Problem();
        SinkSetup desired = null;
        if (service == null) {
            problem.waiting = notRegistered(ConnectorKind.SINK, name);
        } else {
            ManagerOptions options = options(service, problem);
            if (options != null) {
                Codec codec = plugins.codec(options, problem);
                List<ProcessorStep> steps = plugins.steps(PluginKind.POSTPROCESSOR, options, problem);
                if (problem.none()) {
                    probe(service, codec, options, steps, false, problem);
                }
                if (problem.none()) {
                    desired = new SinkSetup(name, (Sink) service.instance(), options, codec, steps);
                }
            }
        }
        boolean keptOld = node.apply(service, desired, problem);
        report(problem, node.reported, keptOld ? "; sink '" + name + "' keeps running with its previous options"
                : "; sink '" + name + "' is not started");
        node.reported = problem.invalid;
    }

    private void reconcileSource(SourceNode node) {
        String name = node.slot.name();
        ConnectorService service = sources.get(name);
        Problem problem = new Problem();
        SourceSetup desired = null;
        if (service == null) {
            problem.waiting = notRegistered(ConnectorKind.SOURCE, name);
        } else {
            ManagerOptions options = options(service, problem);
            if (options != null) {
                Codec codec = plugins.codec(options, problem);
                List<ProcessorStep> steps = plugins.steps(PluginKind.PREPROCESSOR, options, problem);
                if (problem.none()) {
                    probe(service, codec, options, steps, true, problem);
                }
                if (problem.none()) {
                    desired = new SourceSetup(name, (Source) service.instance(), options, codec, steps);
                }
            }
        }
        boolean keptOld = node.apply(service, desired, problem);
        report(problem, node.reported, keptOld ? "; source '" + name + "' keeps running with its previous options"
                : "; source '" + name + "' is not started");
        node.reported = problem.invalid;
    }

    private void reconcilePipeline(PipelineNode node, ManagerOptions base) {
        String name = node.slot.name();
        PipelineEntry entry = pipelines.get(name);
        Problem problem = new Problem();
        PipelineKey desired = null;
        if (entry == null) {
            problem.waiting = "is not configured: expected a file etc/weir.pipeline-" + name + ".cfg";
        } else if (entry.spec == null) {
            problem.invalid = entry.error;
        } else {
            Map<String, OperatorFactory> factories = plugins.operators(entry.spec, problem);
            if (problem.none()) {
                desired = new PipelineKey(entry.spec, factories);
            }
        }
        if (entry != null && entry.failedKey != null && !plugins.stillRegistered(entry.failedKey.factories())) {
            // Keep no operator factory of a bundle that went: its class loader must be free to go too.
            entry.failedKey = null;
        }
        if (node.runner != null && (entry == null || !plugins.stillRegistered(node.key.factories()))) {
            // The configuration went, or an operator bundle it runs on went: stop using its classes.
            node.stop();
        }
        String refused = null;
        if (desired != null && !desired.equals(node.key)) {
            if (desired.equals(entry.failedKey)) {
                refused = entry.error;
            } else {
                String error = node.validate(compiler, desired);
                if (error != null) {
                    entry.failedKey = desired;
                    entry.error = entry.spec.origin() + ": " + error;
                    refused = entry.error;
                    problems.accept(entry.error + (node.runner != null ? "; pipeline '" + name
                            + "' keeps running its previous configuration" : "; pipeline '" + name + "' is not started"));
                } else {
                    entry.failedKey = null;
                    node.restart(compiler, desired, base);
                }
            }
        } else if (desired != null && node.runner != null) {
            node.slot.inbox().capacity(desired.spec().queueCapacity());
        }
        if (node.runner == null) {
            if (refused != null && problem.invalid == null) {
                problem.invalid = refused;
            }
            node.note = null;
            node.problem = problem;
            node.slot.breaker().open(problem.breakerReason());
        } else {
            node.note = refused != null ? "runs its previous configuration; the new one was refused: " + refused
                    : desired == null && problem.waiting != null ? "runs its previous configuration; the new one "
                            + problem.waiting : null;
            node.problem = new Problem();
        }
    }

    private ManagerOptions options(ConnectorService service, Problem problem) {
        try {
            return ManagerOptionsParser.parse(service.properties(), service.kind(), defaults);
        } catch (ConfigException e) {
            problem.invalid = service.origin() + ": " + e.getMessage();
            return null;
        }
    }

    /** Creates the codec and processors once so that a wrong codec or processor option is reported now, by name. */
    private static void probe(ConnectorService service, Codec codec, ManagerOptions options, List<ProcessorStep> steps,
            boolean decoding, Problem problem) {
        if (codec != null) {
            try {
                if (decoding) {
                    codec.decoder(options.codecOptions());
                } else {
                    codec.encoder(options.codecOptions());
                }
            } catch (RuntimeException e) {
                problem.invalid = service.origin() + ": codec '" + options.codec() + "': " + e.getMessage();
                return;
            }
        }
        for (ProcessorStep step : steps) {
            try {
                step.create();
            } catch (RuntimeException e) {
                String kind = decoding ? "preprocessor" : "postprocessor";
                problem.invalid = service.origin() + ": " + kind + " '" + step.name() + "': " + e.getMessage();
                return;
            }
        }
    }

    private static String notRegistered(ConnectorKind kind, String name) {
        return "is not registered: no " + kind.word() + " instance named '" + name + "' (configure it in etc/"
                + kind.pidPrefix() + "<type>-" + name + ".cfg; weir:connectors lists the types, weir:diag tells why"
                + " a configured one does not start)";
    }

    private void report(Problem problem, String reported, String consequence) {
        if (problem.invalid != null && !problem.invalid.equals(reported)) {
            problems.accept(problem.invalid + consequence);
        }
    }

    private void wire() {
        Wiring.publish(flows, sourceNodes, pipelineNodes, sinkNodes);
    }

    // ---------------------------------------------------------------- views

    /** @return every flow with its nodes, their state and counters, by name */
    public synchronized List<FlowView> flows() {
        List<FlowView> views = new ArrayList<>();
        flows.forEach((name, entry) -> {
            if (entry.spec == null) {
                views.add(new FlowView(name, null, null, "invalid", entry.error, entry.error, List.of(), List.of(),
                        List.of()));
                return;
            }
            List<NodeView> nodes = new ArrayList<>();
            for (String label : entry.spec.nodes()) {
                nodes.add(view(label));
            }
            List<String> links = entry.spec.links().stream().map(Link::toString).toList();
            String state = "running";
            String reason = null;
            for (NodeView node : nodes) {
                if (node.state() == NodeState.INVALID || node.state() == NodeState.FAILED) {
                    state = "failed";
                    reason = node.label() + ": " + node.reason();
                    break;
                }
            }
            if (reason == null) {
                // A missing piece explains more than a source waiting for it.
                NodeView waiting = null;
                for (NodeView node : nodes) {
                    boolean waits = node.state() == NodeState.WAITING || node.state() == NodeState.STARTING;
                    if (waits && (waiting == null || waiting.label().startsWith("source/")
                            && !node.label().startsWith("source/"))) {
                        waiting = node;
                    }
                }
                if (waiting != null) {
                    state = "waiting";
                    reason = waiting.label() + " " + (waiting.reason() == null ? "is starting" : waiting.reason());
                }
            }
            if (reason == null && entry.paused) {
                state = "paused";
                reason = "paused by the operator (weir:resume " + name + ")";
            }
            if (reason == null && nodes.stream().filter(n -> n.label().startsWith("source/"))
                    .allMatch(n -> n.state() == NodeState.FINISHED)) {
                state = "finished";
                reason = "every source delivered all its data";
            }
            if (reason == null) {
                for (NodeView node : nodes) {
                    if (node.state() == NodeState.PAUSED) {
                        state = "paused";
                        reason = node.label() + ": " + node.reason();
                        break;
                    }
                }
            }
            views.add(new FlowView(name, entry.spec.origin(), entry.spec.description(), state, reason, entry.error,
                    links, nodes, portWarnings(entry.spec)));
        });
        return views;
    }

    /** Links to ports a pipeline does not have: events to such an input fail, such an output never emits. */
    private List<String> portWarnings(FlowSpec spec) {
        List<String> warnings = new ArrayList<>();
        for (Link link : spec.links()) {
            if (link.from().kind() == Endpoint.Kind.PIPELINE) {
                PipelineNode node = pipelineNodes.get(link.from().name());
                if (node != null && node.outputs != null && !node.outputs.contains(link.from().port())) {
                    warnings.add(link + ": pipeline '" + link.from().name() + "' has no output port '"
                            + link.from().port() + "' (its outputs: " + String.join(", ", new TreeSet<>(node.outputs))
                            + ")");
                }
            }
            if (link.to().kind() == Endpoint.Kind.PIPELINE) {
                PipelineNode node = pipelineNodes.get(link.to().name());
                if (node != null && node.inputs != null && !node.inputs.contains(link.to().port())) {
                    warnings.add(link + ": pipeline '" + link.to().name() + "' has no input port '"
                            + link.to().port() + "' (its inputs: " + String.join(", ", new TreeSet<>(node.inputs))
                            + ")");
                }
            }
        }
        return warnings;
    }

    /** @return every node that runs or waits, sources first, then pipelines, then sinks */
    public synchronized List<NodeView> nodes() {
        List<NodeView> views = new ArrayList<>();
        sourceNodes.values().forEach(n -> views.add(view(n.slot.label())));
        pipelineNodes.values().forEach(n -> views.add(view(n.slot.label())));
        sinkNodes.values().forEach(n -> views.add(view(n.slot.label())));
        return views;
    }

    /** @return every connector instance registered, used or not */
    public synchronized List<InstanceView> instances() {
        List<InstanceView> views = new ArrayList<>();
        for (Registry<ConnectorService> registry : List.of(sources, sinks)) {
            for (Registry.Entry<ConnectorService> entry : registry.all()) {
                ConnectorService service = entry.service();
                String label = service.kind().word() + "/" + entry.name();
                List<String> usedBy = new ArrayList<>();
                flows.forEach((name, flow) -> {
                    if (flow.spec != null && flow.spec.nodes().contains(label)) {
                        usedBy.add(name);
                    }
                });
                String note = null;
                if (registry.best(entry.name()).id() != entry.id()) {
                    note = "ignored: the name is taken by " + registry.best(entry.name()).service().origin();
                } else if (usedBy.isEmpty()) {
                    note = "not used by any flow";
                }
                views.add(new InstanceView(service.kind().word(), entry.name(), service.type(), service.bundle(),
                        service.origin(), usedBy, note));
            }
        }
        return views;
    }

    /** @return per plugin kind, the names registered and the bundles they come from */
    public synchronized Map<PluginKind, List<String>> pluginNames() {
        return plugins.names();
    }

    private NodeView view(String label) {
        int slash = label.indexOf('/');
        String kind = label.substring(0, slash);
        String name = label.substring(slash + 1);
        switch (kind) {
            case "source":
                return sourceNodes.containsKey(name) ? sourceNodes.get(name).view(sources.get(name)) : absent(label);
            case "sink":
                return sinkNodes.containsKey(name) ? sinkNodes.get(name).view(sinks.get(name)) : absent(label);
            default:
                PipelineEntry entry = pipelines.get(name);
                return pipelineNodes.containsKey(name) ? pipelineNodes.get(name).view(entry == null
                        || entry.spec == null ? null : entry.spec.origin()) : absent(label);
        }
    }

    private static NodeView absent(String label) {
        return new NodeView(label, null, NodeState.WAITING, "is not part of any running flow", null, null,
                CounterSnapshot.ZERO, null, -1, -1, 0, null, Map.of());
    }

    /** A configured pipeline: the spec the file gives (null if it never parsed), the key that failed to compile. */
    private static final class PipelineEntry {
        PipelineSpec spec;
        PipelineKey failedKey;
        String error;
    }
}
