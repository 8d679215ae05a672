package io.weir.runtime.internal.flow;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import io.weir.api.codec.Codec;
import io.weir.api.connector.Sink;
import io.weir.api.connector.Source;
import io.weir.api.operator.OperatorFactory;
import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.PreprocessorFactory;
import io.weir.pipeline.graph.PipelineCompiler;
import io.weir.runtime.internal.config.ConfigException;
import io.weir.runtime.internal.config.ConfigValues;
import io.weir.runtime.internal.config.ConnectorKind;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi side of the flow engine: hands it every source, sink, codec, processor and operator
 * service as it comes and goes (whiteboard), telling it when a service goes because its bundle is
 * stopping, which is how a hot swap begins. Configuration reaches the engine through
 * {@link PipelineConfiguration}, {@link FlowConfiguration} and {@link ManagerDefaults}.
 */
@Component(service = FlowRuntime.class, immediate = true)
public class FlowRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(FlowRuntime.class);

    private final FlowEngine engine = new FlowEngine(PipelineCompiler::compile, LOG::warn);

    /** Tells the operator's configuration of a connector instance apart from its plugin's own properties. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    /** @return the engine, for the configuration components and the shell */
    public FlowEngine engine() {
        return engine;
    }

    private BundleContext context;

    /**
     * Stops every flow at once when the framework begins to stop, before it stops the plugin bundles one
     * by one: otherwise each of their services going would stop one manager (waiting for it) and
     * reconcile the rest, so that a server with many busy flows could not stop within its bound.
     */
    private final SynchronousBundleListener frameworkStopping = event -> {
        if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
            engine.close();
        }
    };

    /** The framework property that says how the nodes run: {@code workers} (the default) or {@code threads}. */
    static final String SCHEDULER = "weir.scheduler";
    /** The framework property for the number of workers on duty; the number of cores by default. */
    static final String WORKERS = "weir.workers";

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        int cores = Runtime.getRuntime().availableProcessors();
        int workers;
        try {
            workers = workers(bundleContext.getProperty(SCHEDULER), bundleContext.getProperty(WORKERS), cores);
        } catch (ConfigException e) {
            workers = cores;
            LOG.error("{} (etc/weir.properties); the nodes run on {} worker(s), one per core", e.getMessage(), cores);
        }
        engine.workers(workers);
        bundleContext.addBundleListener(frameworkStopping);
    }

    /**
     * @param scheduler {@value #SCHEDULER}, or null
     * @param workers   {@value #WORKERS}, or null
     * @param cores     the cores there are
     * @return the workers on duty, or 0 for a thread per node
     * @throws ConfigException naming the property when a value is wrong
     */
    static int workers(String scheduler, String workers, int cores) {
        String mode = scheduler == null || scheduler.isBlank() ? "workers" : scheduler.trim();
        if (mode.equals("threads")) {
            return 0;
        }
        if (!mode.equals("workers")) {
            throw new ConfigException(SCHEDULER, "expected workers or threads, got \"" + scheduler + "\"");
        }
        Map<String, Object> given = workers == null ? Map.of() : Map.of(WORKERS, workers);
        return (int) ConfigValues.number(given, WORKERS, Math.max(1, cores), 1, 1024);
    }

    @Deactivate
    void deactivate() {
        try {
            context.removeBundleListener(frameworkStopping);
        } catch (IllegalStateException e) {
            // The framework is going down: nothing to remove.
        }
        engine.close();
    }

    @Reference(service = Source.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedSource")
    void addSource(Source source, ServiceReference<Source> ref) {
        engine.connectorAdded(connector(ConnectorKind.SOURCE, source, ref));
    }

    void updatedSource(Source source, ServiceReference<Source> ref) {
        engine.connectorAdded(connector(ConnectorKind.SOURCE, source, ref));
    }

    void removeSource(ServiceReference<Source> ref) {
        engine.connectorRemoved(ConnectorKind.SOURCE, id(ref), stopping(ref));
    }

    @Reference(service = Sink.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedSink")
    void addSink(Sink sink, ServiceReference<Sink> ref) {
        engine.connectorAdded(connector(ConnectorKind.SINK, sink, ref));
    }

    void updatedSink(Sink sink, ServiceReference<Sink> ref) {
        engine.connectorAdded(connector(ConnectorKind.SINK, sink, ref));
    }

    void removeSink(ServiceReference<Sink> ref) {
        engine.connectorRemoved(ConnectorKind.SINK, id(ref), stopping(ref));
    }

    @Reference(service = Codec.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedCodec")
    void addCodec(Codec codec, ServiceReference<Codec> ref) {
        plugin(PluginKind.CODEC, Codec.NAME, codec, ref);
    }

    void updatedCodec(Codec codec, ServiceReference<Codec> ref) {
        engine.pluginRemoved(PluginKind.CODEC, id(ref));
        plugin(PluginKind.CODEC, Codec.NAME, codec, ref);
    }

    void removeCodec(ServiceReference<Codec> ref) {
        engine.pluginRemoved(PluginKind.CODEC, id(ref), stopping(ref));
    }

    @Reference(service = PreprocessorFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedPreprocessor")
    void addPreprocessor(PreprocessorFactory factory, ServiceReference<PreprocessorFactory> ref) {
        plugin(PluginKind.PREPROCESSOR, PreprocessorFactory.NAME, factory, ref);
    }

    void updatedPreprocessor(PreprocessorFactory factory, ServiceReference<PreprocessorFactory> ref) {
        engine.pluginRemoved(PluginKind.PREPROCESSOR, id(ref));
        plugin(PluginKind.PREPROCESSOR, PreprocessorFactory.NAME, factory, ref);
    }

    void removePreprocessor(ServiceReference<PreprocessorFactory> ref) {
        engine.pluginRemoved(PluginKind.PREPROCESSOR, id(ref), stopping(ref));
    }

    @Reference(service = PostprocessorFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedPostprocessor")
    void addPostprocessor(PostprocessorFactory factory, ServiceReference<PostprocessorFactory> ref) {
        plugin(PluginKind.POSTPROCESSOR, PostprocessorFactory.NAME, factory, ref);
    }

    void updatedPostprocessor(PostprocessorFactory factory, ServiceReference<PostprocessorFactory> ref) {
        engine.pluginRemoved(PluginKind.POSTPROCESSOR, id(ref));
        plugin(PluginKind.POSTPROCESSOR, PostprocessorFactory.NAME, factory, ref);
    }

    void removePostprocessor(ServiceReference<PostprocessorFactory> ref) {
        engine.pluginRemoved(PluginKind.POSTPROCESSOR, id(ref), stopping(ref));
    }

    @Reference(service = OperatorFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, updated = "updatedOperator")
    void addOperator(OperatorFactory factory, ServiceReference<OperatorFactory> ref) {
        plugin(PluginKind.OPERATOR, OperatorFactory.NAME, factory, ref);
    }

    void updatedOperator(OperatorFactory factory, ServiceReference<OperatorFactory> ref) {
        engine.pluginRemoved(PluginKind.OPERATOR, id(ref));
        plugin(PluginKind.OPERATOR, OperatorFactory.NAME, factory, ref);
    }

    void removeOperator(ServiceReference<OperatorFactory> ref) {
        engine.pluginRemoved(PluginKind.OPERATOR, id(ref), stopping(ref));
    }

    private void plugin(PluginKind kind, String nameProperty, Object service, ServiceReference<?> ref) {
        Object name = ref.getProperty(nameProperty);
        engine.pluginAdded(kind, name == null ? null : String.valueOf(name), service, id(ref), ranking(ref),
                bundle(ref));
    }

    private ConnectorService connector(ConnectorKind kind, Object instance, ServiceReference<?> ref) {
        Map<String, Object> props = new HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            props.put(key, ref.getProperty(key));
        }
        return new ConnectorService(kind, id(ref), ranking(ref), instance, props, bundle(ref),
                configuration(ref.getProperty(Constants.SERVICE_PID)));
    }

    /** @return the properties of the configuration with this PID, or {@code null} when there is none or no ConfigAdmin */
    private Map<String, Object> configuration(Object pid) {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null || !(pid instanceof String text)) {
            return null;
        }
        try {
            Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + escape(text) + ")");
            if (found == null || found.length != 1 || found[0].getProperties() == null) {
                return null;
            }
            Map<String, Object> config = new HashMap<>();
            Dictionary<String, Object> props = found[0].getProperties();
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                config.put(key, props.get(key));
            }
            return config;
        } catch (InvalidSyntaxException | java.io.IOException | IllegalStateException e) {
            LOG.debug("cannot read configuration {}: {}", pid, e.toString());
            return null;
        }
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Whether the bundle that registered the service is stopping: it is being updated, refreshed or
     * uninstalled, and its new version, if any, comes right after (a hot swap). A configuration removed or
     * changed leaves the bundle active.
     */
    private static boolean stopping(ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        return bundle != null && bundle.getState() == Bundle.STOPPING;
    }

    private static long id(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static int ranking(ServiceReference<?> ref) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        return ranking instanceof Integer r ? r : 0;
    }

    static String bundle(ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        return bundle == null ? "(unregistered)" : bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
