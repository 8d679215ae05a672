package io.weir.runtime.internal.flow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import io.weir.api.event.Event;
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
import io.weir.runtime.internal.manager.Breaker;
import io.weir.runtime.internal.manager.Gate;
import io.weir.runtime.internal.manager.ManagerOptions;
import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.manager.PipelineBuilder;
import io.weir.runtime.internal.manager.PipelineRunner;
import io.weir.runtime.internal.manager.PipelineSetup;
import io.weir.runtime.internal.manager.PipelineSlot;
import io.weir.runtime.internal.manager.ProcessorStep;
import io.weir.runtime.internal.manager.Routes;
import io.weir.runtime.internal.manager.SinkManager;
import io.weir.runtime.internal.manager.SinkSetup;
import io.weir.runtime.internal.manager.SinkSlot;
import io.weir.runtime.internal.manager.SourceManager;
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
    private final Map<PluginKind, Registry<Object>> plugins = new EnumMap<>(PluginKind.class);
    private final Map<String, SourceNode> sourceNodes = new TreeMap<>();
    private final Map<String, SinkNode> sinkNodes = new TreeMap<>();
    private final Map<String, PipelineNode> pipelineNodes = new TreeMap<>();
    private final Set<Long> unnamedReported = new java.util.HashSet<>();
    private boolean closed;

    /**
     * @param compiler compiles pipelines
     * @param problems receives each configuration problem once, as one line naming the file and key
     */
    public FlowEngine(Compiler compiler, Consumer<String> problems) {
        this.compiler = compiler;
        this.problems = problems;
        for (PluginKind kind : PluginKind.values()) {
            plugins.put(kind, new Registry<>());
        }
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
        if ((kind == ConnectorKind.SOURCE ? sources : sinks).remove(serviceId)) {
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
        plugins.get(kind).put(new Registry.Entry<>(name, service, id, ranking, bundle));
        reconcile();
    }

    /**
     * A codec, processor factory or operator factory was unregistered; what uses it is stopped first.
     *
     * @param kind what it is
     * @param id   its service id
     */
    public synchronized void pluginRemoved(PluginKind kind, long id) {
        if (plugins.get(kind).remove(id)) {
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
            sinkNodes.computeIfAbsent(name, n -> new SinkNode(new SinkSlot(n, base.queueCapacity())));
        }
        for (String name : wantedPipelines) {
            pipelineNodes.computeIfAbsent(name, n -> new PipelineNode(new PipelineSlot(n, 1024)));
        }
        for (String name : wantedSources) {
            sourceNodes.computeIfAbsent(name, n -> new SourceNode(new SourceSlot(n)));
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
                stopSource(node);
                it.remove();
            }
        }
        for (var it = pipelineNodes.values().iterator(); it.hasNext();) {
            PipelineNode node = it.next();
            if (!wantedPipelines.contains(node.slot.name())) {
                stopPipeline(node);
                failLeftovers(node.slot.counters(), node.slot.inbox().close());
                it.remove();
            }
        }
        for (var it = sinkNodes.values().iterator(); it.hasNext();) {
            SinkNode node = it.next();
            if (!wantedSinks.contains(node.slot.name())) {
                stopSink(node);
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
                Codec codec = codec(options, problem);
                List<ProcessorStep> steps = steps(PluginKind.POSTPROCESSOR, options, problem);
                if (problem.none()) {
                    probe(service, codec, options, steps, false, problem);
                }
                if (problem.none()) {
                    desired = new SinkSetup(name, (Sink) service.instance(), options, codec, steps);
                }
            }
        }
        boolean keepOld = node.manager != null && desired == null && problem.invalid != null
                && node.manager.setup().sink() == service.instance();
        if (node.manager != null && !keepOld && !node.manager.setup().equals(desired)) {
            stopSink(node);
        }
        if (desired != null && node.manager == null) {
            node.slot.inbox().capacity(desired.options().queueCapacity());
            Map<String, Object> restored = carried(node.carry, service, node.slot.lastState());
            node.slot.lastState(Map.of());
            node.manager = new SinkManager(node.slot, desired, restored);
            node.service = service;
            node.manager.start();
        }
        node.problem = problem;
        if (node.manager == null) {
            node.slot.breaker().open(problem.breakerReason());
        }
        report(node.problem, node.reported, keepOld ? "; sink '" + name + "' keeps running with its previous options"
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
                Codec codec = codec(options, problem);
                List<ProcessorStep> steps = steps(PluginKind.PREPROCESSOR, options, problem);
                if (problem.none()) {
                    probe(service, codec, options, steps, true, problem);
                }
                if (problem.none()) {
                    desired = new SourceSetup(name, (Source) service.instance(), options, codec, steps);
                }
            }
        }
        boolean keepOld = node.manager != null && desired == null && problem.invalid != null
                && node.manager.setup().source() == service.instance();
        if (node.manager != null && !keepOld && !node.manager.setup().equals(desired)) {
            stopSource(node);
        }
        if (desired != null && node.manager == null) {
            Map<String, Object> restored = carried(node.carry, service, node.slot.lastState());
            node.slot.lastState(Map.of());
            node.manager = new SourceManager(node.slot, desired, restored);
            node.service = service;
            node.manager.start();
        }
        node.problem = problem;
        report(node.problem, node.reported, keepOld ? "; source '" + name
                + "' keeps running with its previous options" : "; source '" + name + "' is not started");
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
            Map<String, OperatorFactory> factories = new TreeMap<>();
            for (Map.Entry<String, String> nodeType : entry.spec.operatorTypes().entrySet()) {
                Object factory = plugins.get(PluginKind.OPERATOR).get(nodeType.getValue());
                if (factory == null) {
                    problem.waiting("waits for operator type '" + nodeType.getValue() + "' (node '" + nodeType.getKey()
                            + "')");
                } else {
                    factories.put(nodeType.getValue(), (OperatorFactory) factory);
                }
            }
            if (problem.none()) {
                desired = new PipelineKey(entry.spec, factories);
            }
        }
        if (node.runner != null && (entry == null || !stillRegistered(node.key))) {
            // The configuration went, or an operator bundle it runs on went: stop using its classes.
            stopPipeline(node);
        }
        String note = null;
        if (desired != null && !desired.equals(node.key)) {
            if (desired.equals(entry.failedKey)) {
                note = entry.error;
            } else {
                String error = validate(node, desired);
                if (error != null) {
                    entry.failedKey = desired;
                    entry.error = entry.spec.origin() + ": " + error;
                    note = entry.error;
                    problems.accept(entry.error + (node.runner != null ? "; pipeline '" + name
                            + "' keeps running its previous configuration" : "; pipeline '" + name + "' is not started"));
                } else {
                    entry.failedKey = null;
                    Map<String, Map<String, Object>> restored = Map.of();
                    if (node.runner != null) {
                        PipelineSpec previous = node.key.spec();
                        stopPipeline(node);
                        restored = carriedNodes(node.slot.lastState(), previous, desired.spec());
                    }
                    node.slot.lastState(Map.of());
                    startPipeline(node, desired, restored, base);
                }
            }
        } else if (desired != null && node.runner != null) {
            node.slot.inbox().capacity(desired.spec().queueCapacity());
        }
        if (node.runner == null && note != null && problem.invalid == null) {
            problem.invalid = note;
        } else if (node.runner != null && note != null) {
            node.note = "runs its previous configuration; the new one was refused: " + note;
        } else if (node.runner != null && desired == null && problem.waiting != null) {
            node.note = "runs its previous configuration; the new one " + problem.waiting;
        } else {
            node.note = null;
        }
        node.problem = node.runner == null ? problem : new Problem();
        if (node.runner == null) {
            node.slot.breaker().open(node.problem.breakerReason());
        }
    }

    private void startPipeline(PipelineNode node, PipelineKey key, Map<String, Map<String, Object>> restored,
            ManagerOptions base) {
        PipelineSpec spec = key.spec();
        Map<String, OperatorFactory> factories = key.factories();
        String name = node.slot.name();
        PipelineBuilder builder = (listener, state) -> compiler.compile(name, spec.config(), factories::get, state,
                listener);
        node.slot.inbox().capacity(spec.queueCapacity());
        node.runner = new PipelineRunner(node.slot, new PipelineSetup(name, builder, spec.batchSize(),
                spec.tickIntervalMillis(), base.backoffMillis(), base.maxBackoffMillis(), base.closeTimeoutMillis()),
                restored);
        node.key = key;
        node.runner.start();
    }

    private String validate(PipelineNode node, PipelineKey key) {
        String name = node.slot.name();
        try {
            Pipeline probe = compiler.compile(name, key.spec().config(), key.factories()::get, Map.of(), IGNORE);
            try {
                node.inputs = Set.copyOf(probe.inputPorts());
                node.outputs = Set.copyOf(probe.outputPorts());
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

    private boolean stillRegistered(PipelineKey key) {
        if (key == null) {
            return true;
        }
        Registry<Object> operators = plugins.get(PluginKind.OPERATOR);
        for (Map.Entry<String, OperatorFactory> e : key.factories().entrySet()) {
            if (operators.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private ManagerOptions options(ConnectorService service, Problem problem) {
        try {
            return ManagerOptionsParser.parse(service.properties(), service.kind(), defaults);
        } catch (ConfigException e) {
            problem.invalid = service.origin() + ": " + e.getMessage();
            return null;
        }
    }

    private Codec codec(ManagerOptions options, Problem problem) {
        if (options.codec() == null) {
            return null;
        }
        Codec codec = (Codec) plugins.get(PluginKind.CODEC).get(options.codec());
        if (codec == null) {
            problem.waiting("waits for codec '" + options.codec() + "'");
        }
        return codec;
    }

    private List<ProcessorStep> steps(PluginKind kind, ManagerOptions options, Problem problem) {
        List<ProcessorStep> steps = new ArrayList<>();
        for (ManagerOptions.ProcessorOption processor : options.processors()) {
            Object factory = plugins.get(kind).get(processor.name());
            if (factory == null) {
                problem.waiting("waits for " + kind.word() + " '" + processor.name() + "'");
            } else {
                steps.add(new ProcessorStep(processor.name(), factory, processor.options()));
            }
        }
        return steps;
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

    /**
     * The state a stopped instance handed over goes to the next instance only if that one has the
     * same configuration: a new version of the plugin, not a reconfiguration (a file source pointed
     * at another file must not resume at the old offset).
     */
    private static Map<String, Object> carried(Map<String, Object> previousConfig, ConnectorService service,
            Map<String, Object> state) {
        return previousConfig != null && previousConfig.equals(service.operatorConfiguration()) ? state : Map.of();
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

    private void stopSource(SourceNode node) {
        if (node.manager != null) {
            node.manager.stop(node.manager.stopTimeoutMillis());
            node.carry = node.service.operatorConfiguration();
            node.manager = null;
            node.service = null;
        }
    }

    private void stopSink(SinkNode node) {
        if (node.manager != null) {
            node.manager.stop(node.manager.stopTimeoutMillis());
            node.carry = node.service.operatorConfiguration();
            node.manager = null;
            node.service = null;
        }
    }

    private void stopPipeline(PipelineNode node) {
        if (node.runner != null) {
            node.runner.stop(node.runner.stopTimeoutMillis());
            node.runner = null;
            node.key = null;
        }
    }

    /** Publishes routes and gates: where each producer's ports lead, and what each source waits for. */
    private void wire() {
        Map<String, Map<String, List<Routes.Target>>> routes = new HashMap<>();
        Map<String, Set<String>> downstream = new HashMap<>();
        Map<String, Map<String, Set<String>>> portTargets = new HashMap<>();
        for (FlowEntry entry : flows.values()) {
            if (entry.spec == null) {
                continue;
            }
            for (Link link : entry.spec.links()) {
                Routes.Target target = target(link.to());
                if (target == null) {
                    continue;
                }
                List<Routes.Target> targets = routes.computeIfAbsent(link.from().node(), n -> new LinkedHashMap<>())
                        .computeIfAbsent(link.from().port(), p -> new ArrayList<>());
                if (!targets.contains(target)) {
                    targets.add(target);
                }
                downstream.computeIfAbsent(link.from().node(), n -> new LinkedHashSet<>()).add(link.to().node());
                portTargets.computeIfAbsent(link.from().node(), n -> new HashMap<>())
                        .computeIfAbsent(link.from().port(), p -> new LinkedHashSet<>()).add(link.to().node());
            }
        }
        for (SourceNode node : sourceNodes.values()) {
            publish(node.slot.routes(), routes.get(node.slot.label()), node.slot::routes);
        }
        for (PipelineNode node : pipelineNodes.values()) {
            publish(node.slot.routes(), routes.get(node.slot.label()), node.slot::routes);
        }
        for (PipelineNode node : pipelineNodes.values()) {
            Map<String, List<Breaker>> outputs = new TreeMap<>();
            portTargets.getOrDefault(node.slot.label(), Map.of()).forEach((port, labels) -> {
                List<Breaker> breakers = new ArrayList<>();
                Set<String> seen = new java.util.HashSet<>();
                for (String label : labels) {
                    if (seen.add(label)) {
                        Breaker breaker = breaker(label);
                        if (breaker != null) {
                            breakers.add(breaker);
                        }
                        collectBreakers(label, downstream, seen, breakers);
                    }
                }
                outputs.put(port, breakers);
            });
            node.slot.outputBreakers(outputs);
        }
        for (SourceNode node : sourceNodes.values()) {
            List<Breaker> breakers = new ArrayList<>();
            collectBreakers(node.slot.label(), downstream, new java.util.HashSet<>(), breakers);
            node.slot.gate(new Gate(breakers, pausedBy(node.slot.label())));
        }
    }

    private static void publish(Routes current, Map<String, List<Routes.Target>> wanted, Consumer<Routes> set) {
        Routes next = wanted == null ? Routes.NONE : new Routes(wanted);
        if (!next.equals(current)) {
            set.accept(next);
        }
    }

    private Routes.Target target(Endpoint to) {
        if (to.kind() == Endpoint.Kind.SINK) {
            SinkNode sink = sinkNodes.get(to.name());
            return sink == null ? null : new Routes.Target(sink.slot.inbox(), "in");
        }
        PipelineNode pipeline = pipelineNodes.get(to.name());
        return pipeline == null ? null : new Routes.Target(pipeline.slot.inbox(), to.port());
    }

    private void collectBreakers(String label, Map<String, Set<String>> downstream, Set<String> seen,
            List<Breaker> breakers) {
        for (String next : downstream.getOrDefault(label, Set.of())) {
            if (!seen.add(next)) {
                continue;
            }
            Breaker breaker = breaker(next);
            if (breaker != null) {
                breakers.add(breaker);
            }
            collectBreakers(next, downstream, seen, breakers);
        }
    }

    private Breaker breaker(String label) {
        int slash = label.indexOf('/');
        String kind = label.substring(0, slash);
        String name = label.substring(slash + 1);
        if (kind.equals("sink")) {
            SinkNode sink = sinkNodes.get(name);
            return sink == null ? null : sink.slot.breaker();
        }
        if (kind.equals("pipeline")) {
            PipelineNode pipeline = pipelineNodes.get(name);
            return pipeline == null ? null : pipeline.slot.breaker();
        }
        return null;
    }

    private String pausedBy(String sourceLabel) {
        for (Map.Entry<String, FlowEntry> e : flows.entrySet()) {
            FlowEntry entry = e.getValue();
            if (entry.paused && entry.spec != null && entry.spec.nodes().contains(sourceLabel)) {
                return "flow '" + e.getKey() + "' is paused by the operator (weir:resume " + e.getKey() + ")";
            }
        }
        return null;
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
        Map<PluginKind, List<String>> names = new EnumMap<>(PluginKind.class);
        plugins.forEach((kind, registry) -> {
            List<String> list = new ArrayList<>();
            for (Registry.Entry<Object> entry : registry.all()) {
                boolean used = registry.best(entry.name()).id() == entry.id();
                list.add(entry.name() + " (" + entry.bundle() + (used ? "" : ", shadowed") + ")");
            }
            names.put(kind, list);
        });
        return names;
    }

    private NodeView view(String label) {
        int slash = label.indexOf('/');
        String kind = label.substring(0, slash);
        String name = label.substring(slash + 1);
        switch (kind) {
            case "source": {
                SourceNode node = sourceNodes.get(name);
                if (node == null) {
                    return absent(label);
                }
                ConnectorService service = node.manager != null ? node.service : sources.get(name);
                return new NodeView(label, service == null ? null : service.type(),
                        node.manager != null ? node.manager.state() : node.problem.state(),
                        node.manager != null ? node.manager.reason() : node.problem.reason(),
                        service == null ? null : service.origin(), service == null ? null : service.bundle(),
                        node.slot.counters().snapshot(), null, -1, -1,
                        node.manager == null ? 0 : node.manager.failures(),
                        node.manager == null ? null : node.manager.lastError(), Map.of());
            }
            case "sink": {
                SinkNode node = sinkNodes.get(name);
                if (node == null) {
                    return absent(label);
                }
                ConnectorService service = node.manager != null ? node.service : sinks.get(name);
                return new NodeView(label, service == null ? null : service.type(),
                        node.manager != null ? node.manager.state() : node.problem.state(),
                        node.manager != null ? node.manager.reason() : node.problem.reason(),
                        service == null ? null : service.origin(), service == null ? null : service.bundle(),
                        node.slot.counters().snapshot(), node.slot.latency().snapshot(), node.slot.inbox().size(),
                        node.slot.inbox().capacity(), node.manager == null ? 0 : node.manager.failures(),
                        node.manager == null ? null : node.manager.lastError(), Map.of());
            }
            default: {
                PipelineNode node = pipelineNodes.get(name);
                if (node == null) {
                    return absent(label);
                }
                PipelineEntry entry = pipelines.get(name);
                String reason = node.runner != null ? node.runner.reason() : node.problem.reason();
                if (node.note != null) {
                    reason = reason == null ? node.note : reason + "; " + node.note;
                }
                return new NodeView(label, "pipeline",
                        node.runner != null ? node.runner.state() : node.problem.state(), reason,
                        entry == null || entry.spec == null ? null : entry.spec.origin(), null,
                        node.slot.counters().snapshot(), null, node.slot.inbox().size(), node.slot.inbox().capacity(),
                        node.runner == null ? 0 : node.runner.failures(),
                        node.runner == null ? null : node.runner.lastError(), node.slot.nodeCounters());
            }
        }
    }

    private static NodeView absent(String label) {
        return new NodeView(label, null, NodeState.WAITING, "is not part of any running flow", null, null,
                CounterSnapshot.ZERO, null, -1, -1, 0, null, Map.of());
    }

    // ---------------------------------------------------------------- state

    private static final class FlowEntry {
        FlowSpec spec;
        String error;
        boolean paused;
    }

    private static final class PipelineEntry {
        PipelineSpec spec;
        PipelineKey failedKey;
        String error;
    }

    /**
     * What a pipeline runs: its graph, the runner options that need a new runner, and the operator
     * factories it was compiled with. The queue capacity is not part of it: it changes in place.
     */
    private record PipelineKey(PipelineSpec spec, Map<String, OperatorFactory> factories) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof PipelineKey other) || !other.spec.sameGraph(spec)
                    || other.spec.batchSize() != spec.batchSize()
                    || other.spec.tickIntervalMillis() != spec.tickIntervalMillis()
                    || !other.factories.keySet().equals(factories.keySet())) {
                return false;
            }
            for (Map.Entry<String, OperatorFactory> e : factories.entrySet()) {
                if (other.factories.get(e.getKey()) != e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return factories.keySet().hashCode();
        }
    }

    /** Why a node does not run: a missing piece (waiting) or a wrong configuration (invalid). */
    private static final class Problem {
        String waiting;
        String invalid;

        void waiting(String reason) {
            if (waiting == null) {
                waiting = reason;
            }
        }

        boolean none() {
            return waiting == null && invalid == null;
        }

        NodeState state() {
            return invalid != null ? NodeState.INVALID : NodeState.WAITING;
        }

        String reason() {
            return invalid != null ? "invalid configuration: " + invalid : waiting;
        }

        String breakerReason() {
            return invalid != null ? "has an invalid configuration" : waiting != null ? waiting : "is not running";
        }
    }

    private static final class SourceNode {
        final SourceSlot slot;
        SourceManager manager;
        ConnectorService service;
        Map<String, Object> carry;
        Problem problem = new Problem();
        String reported;

        SourceNode(SourceSlot slot) {
            this.slot = slot;
        }
    }

    private static final class SinkNode {
        final SinkSlot slot;
        SinkManager manager;
        ConnectorService service;
        Map<String, Object> carry;
        Problem problem = new Problem();
        String reported;

        SinkNode(SinkSlot slot) {
            this.slot = slot;
        }
    }

    private static final class PipelineNode {
        final PipelineSlot slot;
        PipelineRunner runner;
        PipelineKey key;
        Problem problem = new Problem();
        String note;
        Set<String> inputs;
        Set<String> outputs;

        PipelineNode(PipelineSlot slot) {
            this.slot = slot;
        }
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
