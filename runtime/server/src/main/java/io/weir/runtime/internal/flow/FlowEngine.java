package io.weir.runtime.internal.flow;

import java.util.ArrayList;
import java.util.HashMap;
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
import io.weir.runtime.internal.manager.ManagerThread;
import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.manager.PipelineSlot;
import io.weir.runtime.internal.manager.ProcessorStep;
import io.weir.runtime.internal.manager.SinkSetup;
import io.weir.runtime.internal.manager.SinkSlot;
import io.weir.runtime.internal.manager.SourceSetup;
import io.weir.runtime.internal.manager.SourceSlot;
import io.weir.runtime.internal.manager.StartListener;
import io.weir.runtime.internal.manager.Watchdog;
import io.weir.runtime.internal.manager.Workers;
import io.weir.runtime.internal.stats.CounterSnapshot;
import io.weir.runtime.internal.stats.Latency;
import io.weir.runtime.internal.stats.LatencySnapshot;
import io.weir.runtime.internal.swap.SwapCoordinator;
import io.weir.runtime.internal.swap.SwapRecord;

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
 * <p>Hot swaps: when a plugin service goes away while its bundle is stopping (FileInstall updating the
 * jar), the nodes that run on it are held for its new version (see {@link SwapCoordinator}) rather than
 * failed, and the new version's instance gets the old one's state, its un-acknowledged events and the
 * outcomes of its events. A {@link Watchdog} abandons managers stuck in a plugin call; their instance
 * is never called again and the node shows as quarantined until a new version or a new configuration
 * comes.
 *
 * <p>Calls are serialised; stopping a manager waits for its thread (bounded). Managers never call
 * back into the engine, so nothing here can deadlock with a data path thread. The watchdog's thread
 * does call in (abandoned managers, swap timeouts), and waits for the lock like any caller.
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
    /** Services reported once as unnamed or badly named, until they go. */
    private final Set<Long> unnamedReported = new java.util.HashSet<>();
    private final SwapCoordinator swaps = new SwapCoordinator(SWAP_HISTORY, System::currentTimeMillis);
    private final Watchdog watchdog = new Watchdog(this::abandoned, this::periodic);
    private final NodeServices services = new NodeServices(watchdog, swaps,
            service -> plugins.bundleOf(service) == null, plugins::bundleOf);
    private boolean closed;
    /** The options of each registered connector service (by identity) under {@link #parsedDefaults}. */
    private final Map<ConnectorService, ManagerOptions> parsed = new java.util.IdentityHashMap<>();
    private Map<String, Object> parsedDefaults;

    /** How many finished swaps {@code weir:swaps} remembers. */
    public static final int SWAP_HISTORY = 100;

    /**
     * @param compiler compiles pipelines
     * @param problems receives each configuration problem once, as one line naming the file and key
     */
    public FlowEngine(Compiler compiler, Consumer<String> problems) {
        this.compiler = compiler;
        this.problems = problems;
    }

    /**
     * How the nodes started from now on run: as tasks on {@code workers} threads on duty (see
     * {@link Workers}), or each on a thread of its own when {@code workers} is 0. Set once, before the
     * first flow starts.
     *
     * @param workers workers on duty, normally the number of cores; 0 for a thread per node
     */
    public synchronized void workers(int workers) {
        if (services.workers != null || closed) {
            return;
        }
        if (workers > 0) {
            services.workers = new Workers(workers, "weir-worker");
            LOG.info("nodes run as tasks on {} worker(s)", workers);
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
        } catch (ConfigException e) {
            // Its own error: only a new file helps, so it is not retried when other flows change.
            entry.refused = null;
            entry.error = ConfigValues.origin(props) + ": " + e.getMessage();
            problems.accept(entry.error + (entry.spec != null ? "; flow '" + name + "' keeps running as before"
                    : "; flow '" + name + "' is not started"));
            return;
        }
        boolean changed = admit(name, entry, spec, null);
        // This flow's new links may have broken a cycle that kept other flows out.
        changed |= readmit();
        if (changed) {
            reconcile();
        }
    }

    /** @param name a flow whose configuration was deleted */
    public synchronized void flowRemoved(String name) {
        if (flows.remove(name) != null) {
            // Its links may have closed a cycle that kept other flows out.
            readmit();
            reconcile();
        }
    }

    /**
     * Puts a parsed flow in force unless its links close a cycle with the other flows' links; then it is
     * kept as {@link FlowEntry#refused}, for {@link #readmit} to try again.
     *
     * @param reported the error already reported for this flow, not reported again; null to report any
     * @return whether the spec in force changed
     */
    private boolean admit(String name, FlowEntry entry, FlowSpec spec, String reported) {
        List<Link> all = new ArrayList<>(spec.links());
        flows.forEach((other, e) -> {
            if (!other.equals(name) && e.spec != null) {
                all.addAll(e.spec.links());
            }
        });
        try {
            FlowParser.checkNoCycle(all);
        } catch (ConfigException e) {
            entry.refused = spec;
            entry.error = spec.origin() + ": " + e.getMessage();
            if (!entry.error.equals(reported)) {
                problems.accept(entry.error + (entry.spec != null ? "; flow '" + name + "' keeps running as before"
                        : "; flow '" + name + "' is not started"));
            }
            return false;
        }
        entry.refused = null;
        entry.error = null;
        if (spec.equals(entry.spec)) {
            return false;
        }
        entry.spec = spec;
        return true;
    }

    /**
     * Tries again, by name, the flows refused for a cycle with other flows, after another flow changed or went.
     * Admitting a running flow's refused edit replaces its links, which can free a flow tried before it: the
     * passes go on until one admits nothing (each admission clears a refusal, so they end).
     *
     * @return whether a spec in force changed
     */
    private boolean readmit() {
        boolean changed = false;
        boolean admitted;
        do {
            admitted = false;
            for (Map.Entry<String, FlowEntry> e : flows.entrySet()) {
                FlowEntry entry = e.getValue();
                if (entry.refused != null) {
                    changed |= admit(e.getKey(), entry, entry.refused, entry.error);
                    admitted |= entry.refused == null;
                }
            }
        } while (admitted);
        return changed;
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
        String badName = ConfigValues.badName(service.kind().word() + " instance", name);
        if (badName != null) {
            // Refused here: no flow could link it, and its links would read as a port.
            registry.remove(service.serviceId());
            if (unnamedReported.add(service.serviceId())) {
                problems.accept(service.origin() + ": " + badName + "; this " + service.kind().word()
                        + " is ignored");
            }
            return;
        }
        Registry.Entry<ConnectorService> best = registry.best(name);
        // An update comes as a new registration object for the same service: forget the old one's options.
        parsed.keySet().removeIf(s -> s.serviceId() == service.serviceId());
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
    public void connectorRemoved(ConnectorKind kind, long serviceId) {
        connectorRemoved(kind, serviceId, false);
    }

    /**
     * A source or sink service was unregistered. Its manager is stopped before this returns, so the
     * instance is no longer called when its component deactivates. When its bundle is stopping (an
     * update, a refresh, an uninstall), the node is held for a new version instead of shown as missing.
     *
     * @param kind         source or sink
     * @param serviceId    its service id
     * @param swapExpected whether the bundle that registered it is stopping
     */
    public synchronized void connectorRemoved(ConnectorKind kind, long serviceId, boolean swapExpected) {
        long now = System.nanoTime();
        unnamedReported.remove(serviceId);
        Registry<ConnectorService> registry = kind == ConnectorKind.SOURCE ? sources : sinks;
        for (Registry.Entry<ConnectorService> entry : registry.all()) {
            if (entry.id() == serviceId) {
                // Its service is gone: drop the reference so that its bundle's class loader can go too.
                services.stuck.remove(entry.service().instance());
                if (swapExpected) {
                    holdConnector(kind, entry, now);
                }
            }
        }
        parsed.keySet().removeIf(service -> service.serviceId() == serviceId);
        if (registry.remove(serviceId)) {
            reconcile();
        }
    }

    private void holdConnector(ConnectorKind kind, Registry.Entry<ConnectorService> entry, long now) {
        String name = entry.name();
        if (kind == ConnectorKind.SOURCE) {
            SourceNode node = sourceNodes.get(name);
            if (node != null && node.manager != null && node.service.serviceId() == entry.id()) {
                swaps.hold(node.slot.label(), kind.word() + " '" + name + "'", entry.bundle(), now,
                        node.manager.setup().options().swapTimeoutMillis());
            }
        } else {
            SinkNode node = sinkNodes.get(name);
            if (node != null && node.manager != null && node.service.serviceId() == entry.id()) {
                swaps.hold(node.slot.label(), kind.word() + " '" + name + "'", entry.bundle(), now,
                        node.manager.setup().options().swapTimeoutMillis());
            }
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
    public void pluginRemoved(PluginKind kind, long id) {
        pluginRemoved(kind, id, false);
    }

    /**
     * A codec, processor factory or operator factory was unregistered; what uses it is stopped first.
     * When its bundle is stopping, the nodes that run on it are held for its new version.
     *
     * @param kind         what it is
     * @param id           its service id
     * @param swapExpected whether the bundle that registered it is stopping
     */
    public synchronized void pluginRemoved(PluginKind kind, long id, boolean swapExpected) {
        if (swapExpected) {
            Registry.Entry<Object> entry = plugins.entry(kind, id);
            if (entry != null) {
                holdUsers(kind, entry, System.nanoTime());
            }
        }
        if (plugins.remove(kind, id)) {
            reconcile();
        }
    }

    /** Holds every running node that uses the plugin going away. */
    private void holdUsers(PluginKind kind, Registry.Entry<Object> entry, long now) {
        String plugin = kind.word() + " '" + entry.name() + "'";
        Object service = entry.service();
        for (SourceNode node : sourceNodes.values()) {
            if (node.manager != null && uses(node.manager.setup().codec(), node.manager.setup().preprocessors(),
                    service)) {
                swaps.hold(node.slot.label(), plugin, entry.bundle(), now,
                        node.manager.setup().options().swapTimeoutMillis());
            }
        }
        for (SinkNode node : sinkNodes.values()) {
            if (node.manager != null && uses(node.manager.setup().codec(), node.manager.setup().postprocessors(),
                    service)) {
                swaps.hold(node.slot.label(), plugin, entry.bundle(), now,
                        node.manager.setup().options().swapTimeoutMillis());
            }
        }
        if (kind == PluginKind.OPERATOR) {
            long timeout = baseOptions().swapTimeoutMillis();
            for (PipelineNode node : pipelineNodes.values()) {
                if (node.runner != null && node.key.factories().containsValue(service)) {
                    swaps.hold(node.slot.label(), plugin, entry.bundle(), now, timeout);
                }
            }
        }
    }

    private static boolean uses(Codec codec, List<ProcessorStep> steps, Object service) {
        if (codec == service) {
            return true;
        }
        for (ProcessorStep step : steps) {
            if (step.factory() == service) {
                return true;
            }
        }
        return false;
    }

    private ManagerOptions baseOptions() {
        return ManagerOptionsParser.parse(Map.of(), ConnectorKind.SINK, defaults);
    }

    // ---------------------------------------------------------------- operator commands

    /**
     * Pauses a flow: its sources stop pulling until {@link #resume}.
     *
     * @param name the flow
     * @return what happened, for the shell
     * @throws IllegalArgumentException when there is no such flow
     * @throws IllegalStateException    when the flow is invalid
     */
    public synchronized String pause(String name) {
        FlowEntry entry = runnableFlow(name, "paused");
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
     * @throws IllegalStateException    when the flow is invalid
     */
    public synchronized String resume(String name) {
        FlowEntry entry = runnableFlow(name, "resumed");
        if (!entry.paused) {
            return "flow '" + name + "' is not paused";
        }
        entry.paused = false;
        wire();
        return "flow '" + name + "' resumed";
    }

    /**
     * Restarts a node: lifts its quarantine, or takes a connector instance whose stuck call has since
     * returned into use again, or else stops and starts its manager (the instance is closed and opened
     * again, its state and un-acknowledged events handed over as in a swap).
     *
     * @param node {@code source/<name>}, {@code sink/<name>}, {@code pipeline/<name>} or a bare name that
     *             only one of them has
     * @return what happened, for the shell
     * @throws IllegalArgumentException when there is no such node, or the name is ambiguous
     * @throws IllegalStateException    when the instance is still stuck in a call
     */
    public synchronized String restart(String node) {
        String label = resolve(node);
        String name = label.substring(label.indexOf('/') + 1);
        if (label.startsWith("pipeline/")) {
            PipelineNode pipeline = pipelineNodes.get(name);
            boolean quarantined = pipeline.slot.faults().quarantined() != null;
            pipeline.slot.faults().clear();
            if (quarantined && pipeline.runner != null) {
                pipeline.runner.nudge();
                return label + ": quarantine lifted; compiling it again now";
            }
            if (pipeline.runner != null) {
                PipelineKey same = pipeline.key;
                pipeline.restart(compiler, same, baseOptions(), null);
                return label + ": restarted (node state handed over)";
            }
            reconcile();
            return label + ": " + (pipeline.runner != null ? "started" : "not started: " + pipeline.problem.reason());
        }
        boolean source = label.startsWith("source/");
        Registry<ConnectorService> registry = source ? sources : sinks;
        ConnectorService service = registry.get(name);
        ManagerThread running = source ? sourceNodes.get(name).manager : sinkNodes.get(name).manager;
        io.weir.runtime.internal.manager.Faults faults = source ? sourceNodes.get(name).slot.faults()
                : sinkNodes.get(name).slot.faults();
        if (service != null && services.stuck.containsKey(service.instance())) {
            ManagerThread stuck = services.stuck.get(service.instance());
            if (!stuck.isStopped()) {
                throw new IllegalStateException(label + " is still stuck in a plugin call on thread '"
                        + stuck.threadName() + "' (" + stuck.lastError() + "); that instance is never called"
                        + " again: deploy a new version of the plugin or change its configuration");
            }
            services.stuck.remove(service.instance());
            faults.clear();
            if (source) {
                sourceNodes.get(name).closeBeforeOpening = true;
            } else {
                sinkNodes.get(name).closeBeforeOpening = true;
            }
            reconcile();
            return label + ": the stuck call returned since; the instance is closed and opened again";
        }
        boolean quarantined = faults.quarantined() != null;
        faults.clear();
        if (quarantined && running != null) {
            running.nudge();
            return label + ": quarantine lifted; opening it again now";
        }
        if (running != null) {
            if (source) {
                sourceNodes.get(name).stop(true);
            } else {
                sinkNodes.get(name).stop();
            }
            reconcile();
            return label + ": restarted (state and un-acknowledged events handed over)";
        }
        reconcile();
        return label + ": not running: " + view(label, new HashMap<>()).reason();
    }

    private String resolve(String node) {
        if (node.startsWith("source/") && sourceNodes.containsKey(node.substring(7))
                || node.startsWith("sink/") && sinkNodes.containsKey(node.substring(5))
                || node.startsWith("pipeline/") && pipelineNodes.containsKey(node.substring(9))) {
            return node;
        }
        List<String> matches = new ArrayList<>();
        if (sourceNodes.containsKey(node)) {
            matches.add("source/" + node);
        }
        if (sinkNodes.containsKey(node)) {
            matches.add("sink/" + node);
        }
        if (pipelineNodes.containsKey(node)) {
            matches.add("pipeline/" + node);
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("'" + node + "' names " + String.join(" and ", matches)
                    + "; say which");
        }
        List<String> all = new ArrayList<>();
        sourceNodes.values().forEach(n -> all.add(n.slot.label()));
        pipelineNodes.values().forEach(n -> all.add(n.slot.label()));
        sinkNodes.values().forEach(n -> all.add(n.slot.label()));
        throw new IllegalArgumentException("no node named '" + node + "' runs in any flow" + (all.isEmpty() ? ""
                : "; the nodes are " + String.join(", ", all)));
    }

    /**
     * @param action what the operator asked for ("paused"), for the message when the flow is invalid
     * @return the flow, which has links in force
     */
    private FlowEntry runnableFlow(String name, String action) {
        FlowEntry entry = flows.get(name);
        if (entry != null && entry.spec == null) {
            throw new IllegalStateException("flow '" + name + "' is invalid, so it does not run and cannot be "
                    + action + ": " + entry.error);
        }
        if (entry == null) {
            // Only the flows the command can act on: an invalid one would be refused as above.
            List<String> valid = new ArrayList<>();
            flows.forEach((n, e) -> {
                if (e.spec != null) {
                    valid.add(n);
                }
            });
            String choices = "";
            if (!valid.isEmpty()) {
                choices = "; the flows are " + String.join(", ", valid);
            } else if (!flows.isEmpty()) {
                choices = "; every flow is invalid (weir:flows says why)";
            }
            throw new IllegalArgumentException("no flow named '" + name + "'" + choices);
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

    /** Stops every manager; the engine does nothing afterwards. Only the first call acts. */
    public void close() {
        // The watchdog's thread may wait for this lock: end it first.
        watchdog.close();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            int count = flows.size();
            long start = System.nanoTime();
            flows.clear();
            removeUnused(Set.of(), Set.of(), Set.of());
            if (count > 0) {
                LOG.info("stopped {} flow(s) in {} ms", count,
                        java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            Workers workers = services.workers;
            if (workers != null) {
                workers.close();
            }
        }
    }

    // ---------------------------------------------------------------- watchdog

    /** A manager was abandoned by the watchdog in a stuck plugin call: take back what it held and replace it. */
    synchronized void abandoned(ManagerThread manager) {
        if (closed) {
            return;
        }
        for (SourceNode node : sourceNodes.values()) {
            if (node.manager == manager) {
                node.abandoned();
                reconcile();
                return;
            }
        }
        for (SinkNode node : sinkNodes.values()) {
            if (node.manager == manager) {
                node.abandoned();
                reconcile();
                return;
            }
        }
        for (PipelineNode node : pipelineNodes.values()) {
            if (node.runner == manager) {
                node.abandoned(compiler, baseOptions());
                return;
            }
        }
        // Not running any more (a stop gave up on it first): take back what it held all the same.
        manager.awaitOutsideRuntime(1_000);
        manager.recover();
    }

    /** Every watchdog round: lets go of the nodes whose new version did not come in time. */
    void periodic() {
        if (swaps.hasExpired(System.nanoTime())) {
            expireSwaps();
        }
    }

    private synchronized void expireSwaps() {
        if (!closed && !swaps.expire(System.nanoTime()).isEmpty()) {
            reconcile();
        }
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
            sinkNodes.computeIfAbsent(name,
                    n -> new SinkNode(new SinkSlot(n, base.queueCapacity(), base.queueBytes()), services));
        }
        for (String name : wantedPipelines) {
            pipelineNodes.computeIfAbsent(name,
                    n -> new PipelineNode(new PipelineSlot(n, 1024, base.queueBytes()), services));
        }
        for (String name : wantedSources) {
            sourceNodes.computeIfAbsent(name, n -> new SourceNode(new SourceSlot(n), services));
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

    /**
     * Stops what no flow links any more: sources first, so that what they hand on still has somewhere to go.
     * Within each kind every manager is asked to stop before the first is waited for, so that a hundred
     * flows stop in about the time of the slowest one, not of all of them in turn.
     */
    private void removeUnused(Set<String> wantedSources, Set<String> wantedPipelines, Set<String> wantedSinks) {
        sourceNodes.values().stream().filter(n -> n.manager != null && !wantedSources.contains(n.slot.name()))
                .forEach(n -> n.manager.requestStop());
        for (var it = sourceNodes.values().iterator(); it.hasNext();) {
            SourceNode node = it.next();
            if (!wantedSources.contains(node.slot.name())) {
                node.remove();
                it.remove();
            }
        }
        pipelineNodes.values().stream().filter(n -> n.runner != null && !wantedPipelines.contains(n.slot.name()))
                .forEach(n -> n.runner.requestStop());
        for (var it = pipelineNodes.values().iterator(); it.hasNext();) {
            PipelineNode node = it.next();
            if (!wantedPipelines.contains(node.slot.name())) {
                node.remove();
                failLeftovers(node.slot.counters(), node.slot.inbox().close());
                it.remove();
            }
        }
        sinkNodes.values().stream().filter(n -> n.manager != null && !wantedSinks.contains(n.slot.name()))
                .forEach(n -> n.manager.requestStop());
        for (var it = sinkNodes.values().iterator(); it.hasNext();) {
            SinkNode node = it.next();
            if (!wantedSinks.contains(node.slot.name())) {
                node.remove();
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
                SinkSetup candidate = problem.none() ? new SinkSetup(name, (Sink) service.instance(), options, codec,
                        steps) : null;
                // What runs was probed when it started; probing it again on every change elsewhere made
                // starting and stopping many flows quadratic in codec and processor creations.
                if (candidate != null && (node.manager == null || !candidate.equals(node.manager.setup()))) {
                    probe(service, codec, options, steps, false, problem);
                }
                if (problem.none()) {
                    desired = candidate;
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
                SourceSetup candidate = problem.none() ? new SourceSetup(name, (Source) service.instance(), options,
                        codec, steps) : null;
                if (candidate != null && (node.manager == null || !candidate.equals(node.manager.setup()))) {
                    probe(service, codec, options, steps, true, problem);
                }
                if (problem.none()) {
                    desired = candidate;
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
                    node.restart(compiler, desired, base, swaps.resuming(node.slot.label(),
                            plugins.bundles(PluginKind.OPERATOR, desired.factories().values())));
                }
            }
        } else if (desired != null && node.runner != null) {
            node.slot.inbox().capacity(desired.spec().queueCapacity());
            node.slot.inbox().byteCapacity(base.queueBytes());
        }
        if (node.runner == null) {
            if (refused != null && problem.invalid == null) {
                problem.invalid = refused;
            }
            node.note = null;
            node.problem = problem;
            node.slot.breaker().open(swaps.isHeld(node.slot.label())
                    ? swaps.reason(node.slot.label(), System.nanoTime()) : problem.breakerReason());
        } else {
            node.note = refused != null ? "runs its previous configuration; the new one was refused: " + refused
                    : desired == null && problem.waiting != null ? "runs its previous configuration; the new one "
                            + problem.waiting : null;
            node.problem = new Problem();
        }
    }

    private ManagerOptions options(ConnectorService service, Problem problem) {
        // Every change reconciles every node: parse each registration once per set of defaults, not each time.
        if (parsedDefaults != defaults) {
            parsed.clear();
            parsedDefaults = defaults;
        }
        ManagerOptions known = parsed.get(service);
        if (known != null) {
            return known;
        }
        try {
            ManagerOptions options = ManagerOptionsParser.parse(service.properties(), service.kind(), defaults);
            parsed.put(service, options);
            return options;
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
    public List<FlowView> flows() {
        Map<String, Latency> latencies = new HashMap<>();
        List<FlowView> views;
        synchronized (this) {
            views = flowViews(latencies);
        }
        // Reading a sink's latency histogram takes a while; a hundred of them under the engine's lock held up
        // every configuration and service change while the shell asked.
        Map<String, LatencySnapshot> snapshots = snapshots(latencies);
        List<FlowView> complete = new ArrayList<>(views.size());
        for (FlowView f : views) {
            complete.add(new FlowView(f.name(), f.origin(), f.description(), f.state(), f.reason(), f.error(), f.links(),
                    withLatency(f.nodes(), snapshots), f.warnings()));
        }
        return complete;
    }

    private static Map<String, LatencySnapshot> snapshots(Map<String, Latency> latencies) {
        Map<String, LatencySnapshot> snapshots = new HashMap<>();
        latencies.forEach((label, latency) -> snapshots.put(label, latency.snapshot()));
        return snapshots;
    }

    private static List<NodeView> withLatency(List<NodeView> nodes, Map<String, LatencySnapshot> snapshots) {
        List<NodeView> complete = new ArrayList<>(nodes.size());
        for (NodeView n : nodes) {
            LatencySnapshot latency = snapshots.get(n.label());
            complete.add(latency == null ? n : new NodeView(n.label(), n.type(), n.state(), n.reason(), n.origin(),
                    n.bundle(), n.counters(), latency, n.queue(), n.failures(), n.lastError(),
                    n.nodeCounters()));
        }
        return complete;
    }

    private List<FlowView> flowViews(Map<String, Latency> latencies) {
        List<FlowView> views = new ArrayList<>();
        // A node in many flows (one err sink for all) is looked at once.
        Map<String, NodeView> seen = new HashMap<>();
        flows.forEach((name, entry) -> {
            if (entry.spec == null) {
                views.add(new FlowView(name, null, null, "invalid", entry.error, entry.error, List.of(), List.of(),
                        List.of()));
                return;
            }
            List<NodeView> nodes = new ArrayList<>();
            for (String label : entry.spec.nodes()) {
                nodes.add(seen.computeIfAbsent(label, l -> view(l, latencies)));
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
            for (NodeView node : nodes) {
                if (reason == null && node.state() == NodeState.QUARANTINED) {
                    state = "quarantined";
                    reason = node.label() + ": " + node.reason();
                }
            }
            for (NodeView node : nodes) {
                if (reason == null && node.state() == NodeState.SWAPPING) {
                    state = "swapping";
                    reason = node.label() + " " + node.reason();
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
    public List<NodeView> nodes() {
        Map<String, Latency> latencies = new HashMap<>();
        List<NodeView> views = new ArrayList<>();
        synchronized (this) {
            sourceNodes.values().forEach(n -> views.add(view(n.slot.label(), latencies)));
            pipelineNodes.values().forEach(n -> views.add(view(n.slot.label(), latencies)));
            sinkNodes.values().forEach(n -> views.add(view(n.slot.label(), latencies)));
        }
        return withLatency(views, snapshots(latencies));
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
                io.weir.runtime.internal.manager.Faults faults = service.kind() == ConnectorKind.SOURCE
                        ? (sourceNodes.containsKey(entry.name()) ? sourceNodes.get(entry.name()).slot.faults() : null)
                        : (sinkNodes.containsKey(entry.name()) ? sinkNodes.get(entry.name()).slot.faults() : null);
                if (registry.best(entry.name()).id() != entry.id()) {
                    note = "ignored: the name is taken by " + registry.best(entry.name()).service().origin();
                } else if (services.stuck.containsKey(service.instance())) {
                    note = "quarantined: " + services.stuckReason(service.instance());
                } else if (faults != null && faults.quarantined() != null) {
                    note = "quarantined: " + faults.quarantined() + " (weir:restart " + label + " clears it)";
                } else if (usedBy.isEmpty()) {
                    note = "not used by any flow";
                }
                SourceNode node = service.kind() == ConnectorKind.SOURCE && note == null
                        ? sourceNodes.get(entry.name()) : null;
                views.add(new InstanceView(service.kind().word(), entry.name(), service.type(), service.bundle(),
                        service.origin(), usedBy, note, node == null ? null : node.endpoint()));
            }
        }
        return views;
    }

    /** @return the finished swaps remembered, newest first */
    public List<SwapRecord> swapHistory() {
        return swaps.history();
    }

    /** @return how many swaps finished since the engine started */
    public long swapsCompleted() {
        return swaps.completed();
    }

    /** @return the swaps in progress: node to what it waits for */
    public Map<String, String> swapsInProgress() {
        return swaps.inProgress(System.nanoTime());
    }

    /** @return per plugin kind, the names registered and the bundles they come from */
    public synchronized Map<PluginKind, List<String>> pluginNames() {
        return plugins.names();
    }

    /** @param latencies receives the latency of a sink, read after the lock is let go */
    private NodeView view(String label, Map<String, Latency> latencies) {
        long now = System.nanoTime();
        int slash = label.indexOf('/');
        String kind = label.substring(0, slash);
        String name = label.substring(slash + 1);
        switch (kind) {
            case "source":
                return sourceNodes.containsKey(name) ? sourceNodes.get(name).view(sources.get(name), now) : absent(label);
            case "sink":
                SinkNode sink = sinkNodes.get(name);
                if (sink == null) {
                    return absent(label);
                }
                latencies.put(label, sink.slot.latency());
                return sink.view(sinks.get(name), now);
            default:
                PipelineEntry entry = pipelines.get(name);
                return pipelineNodes.containsKey(name) ? pipelineNodes.get(name).view(entry == null
                        || entry.spec == null ? null : entry.spec.origin(), now) : absent(label);
        }
    }

    private static NodeView absent(String label) {
        return new NodeView(label, null, NodeState.WAITING, "is not part of any running flow", null, null,
                CounterSnapshot.ZERO, null, null, 0, null, Map.of());
    }

    /** A configured pipeline: the spec the file gives (null if it never parsed), the key that failed to compile. */
    private static final class PipelineEntry {
        PipelineSpec spec;
        PipelineKey failedKey;
        String error;
    }
}
