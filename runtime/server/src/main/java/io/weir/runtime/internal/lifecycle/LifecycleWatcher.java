package io.weir.runtime.internal.lifecycle;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.connector.Connector;
import io.weir.runtime.internal.diag.BundleInspector;
import io.weir.runtime.internal.diag.ImportPackageParser;
import io.weir.runtime.internal.diag.PackageImport;

/**
 * Framework glue of the unload checks: tracks each plugin's class loader (weakly) as the plugin gets wired, and
 * when that wiring goes away (uninstall, update, refresh) hands it to a {@link LeakMonitor} together with the
 * threads running at that moment. A plugin is a bundle that imports an {@code io.weir.api.*} package, other than
 * Weir's core bundles (runtime, connector API, pipeline).
 *
 * <p>The bundle listener is synchronous on purpose: the thread snapshot must be taken before a new revision of
 * the same plugin starts, so that only the old revision's threads are in it.
 */
@Component(service = LifecycleWatcher.class, immediate = true, configurationPid = LifecycleConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LifecycleConfig.class)
public class LifecycleWatcher implements SynchronousBundleListener, ServiceListener {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleWatcher.class);
    /** A plugin embedding a whole library can hold thousands of packages; frames need no more than these. */
    private static final int MAX_PACKAGES = 20_000;

    private final BundleContext context;
    private final FrameworkWiring frameworkWiring;
    private final LeakMonitor monitor;
    /** Wired revisions not yet removed, by bundle id; several while an old one is still in use. */
    private final Map<Long, List<PluginRevision>> tracked = new ConcurrentHashMap<>();
    /** The last check started per bundle, so the event that follows (UPDATED after UNRESOLVED) can name it. */
    private final Map<Long, List<LeakCheck>> lastChecks = new ConcurrentHashMap<>();

    /** Starts tracking the plugins already wired. */
    @Activate
    public LifecycleWatcher(BundleContext context, LifecycleConfig config, Map<String, Object> properties) {
        this.context = context;
        this.frameworkWiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        this.monitor = new LeakMonitor(settings(config, properties, LeakSettings.DEFAULTS), this::removalPending,
                LifecycleWatcher::log);
        context.addBundleListener(this);
        try {
            context.addServiceListener(this, "(" + Connector.TYPE + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the connector-type filter is malformed", e);
        }
        for (Bundle bundle : context.getBundles()) {
            track(bundle);
        }
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + Connector.TYPE + "=*)");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                connectorType(ref);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the connector-type filter is malformed", e);
        }
    }

    /** New options apply to plugins removed from now on. */
    @Modified
    void modified(LifecycleConfig config, Map<String, Object> properties) {
        monitor.settings(settings(config, properties, monitor.settings()));
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(this);
        context.removeBundleListener(this);
        monitor.close();
        tracked.clear();
        lastChecks.clear();
    }

    /** Where {@code weir:leaks --paths} writes its short-lived heap dumps: the runtime bundle's data folder. */
    public Path heapDumpFolder() {
        File data = context.getDataFile("heap-dumps");
        return data != null ? data.toPath() : Path.of(System.getProperty("java.io.tmpdir"), "weir-heap-dumps");
    }

    /** The checks for {@code weir:leaks}. */
    public LeakMonitor monitor() {
        return monitor;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.RESOLVED:
                track(bundle);
                break;
            case BundleEvent.UNRESOLVED:
                removed(bundle, "refreshed");
                break;
            case BundleEvent.UPDATED:
                removed(bundle, "updated");
                break;
            case BundleEvent.UNINSTALLED:
                removed(bundle, "uninstalled");
                break;
            default:
                break;
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            connectorType(event.getServiceReference());
        }
    }

    private void connectorType(ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        if (bundle == null) {
            return;
        }
        List<PluginRevision> revisions = tracked.get(bundle.getBundleId());
        if (revisions == null || revisions.isEmpty()) {
            return;
        }
        PluginRevision current = revisions.get(revisions.size() - 1);
        Object type = ref.getProperty(Connector.TYPE);
        if (type instanceof String[]) {
            for (String t : (String[]) type) {
                current.addConnectorType(t);
            }
        } else if (type instanceof Collection) {
            ((Collection<?>) type).forEach(t -> current.addConnectorType(String.valueOf(t)));
        } else if (type != null) {
            current.addConnectorType(String.valueOf(type));
        }
    }

    private void track(Bundle bundle) {
        if (!isPlugin(bundle)) {
            return;
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null || (wiring.getRevision().getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            return;
        }
        ClassLoader loader = wiring.getClassLoader();
        if (loader == null) {
            return;
        }
        List<PluginRevision> revisions = tracked.computeIfAbsent(bundle.getBundleId(), id -> new CopyOnWriteArrayList<>());
        if (revisions.stream().anyMatch(r -> r.hasLoader(loader))) {
            return;
        }
        RevisionInfo info = new RevisionInfo(bundle.getBundleId(), bundle.getSymbolicName(),
                bundle.getVersion().toString(), bundle.getLocation());
        revisions.add(new PluginRevision(info, loader, ownPackages(wiring)));
    }

    private void removed(Bundle bundle, String cause) {
        long id = bundle.getBundleId();
        List<PluginRevision> gone = tracked.remove(id);
        if (gone == null || gone.isEmpty()) {
            // UPDATED right after UNRESOLVED (or UNINSTALLED after either): the check has started; name the cause.
            List<LeakCheck> last = lastChecks.get(id);
            if (last != null && !"refreshed".equals(cause)) {
                last.forEach(c -> c.cause(cause));
            }
            return;
        }
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        List<LeakCheck> checks = new ArrayList<>();
        for (PluginRevision revision : gone) {
            checks.add(monitor.removed(revision, cause, stacks, sharedPackages(revision)));
        }
        lastChecks.put(id, checks);
        if (lastChecks.size() > monitor.settings().history()) {
            lastChecks.keySet().removeIf(k -> lastChecks.get(k).stream().allMatch(LeakCheck::isDone));
        }
    }

    /** Packages of the removed revision that another tracked revision holds too. */
    private Set<String> sharedPackages(PluginRevision revision) {
        Set<String> shared = new HashSet<>();
        for (List<PluginRevision> others : tracked.values()) {
            for (PluginRevision other : others) {
                for (String pkg : other.packages()) {
                    if (revision.packages().contains(pkg)) {
                        shared.add(pkg);
                    }
                }
            }
        }
        return shared;
    }

    private boolean removalPending(long bundleId) {
        return frameworkWiring.getRemovalPendingBundles().stream().anyMatch(b -> b.getBundleId() == bundleId);
    }

    static boolean isPlugin(Bundle bundle) {
        if (BundleInspector.CORE_SYMBOLIC_NAMES.contains(bundle.getSymbolicName()) || bundle.getBundleId() == 0) {
            return false;
        }
        try {
            return ImportPackageParser.parse(bundle.getHeaders("").get(Constants.IMPORT_PACKAGE)).stream()
                    .anyMatch(PackageImport::isApi);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The packages of the bundle's own classes, less those it imports (an import wins over its own copy). */
    static Set<String> ownPackages(BundleWiring wiring) {
        Set<String> imported = new HashSet<>();
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            imported.add(String.valueOf(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
        }
        Collection<String> classes = wiring.listResources("/", "*.class",
                BundleWiring.LISTRESOURCES_LOCAL | BundleWiring.LISTRESOURCES_RECURSE);
        Set<String> packages = new HashSet<>();
        for (String resource : classes == null ? List.<String>of() : classes) {
            int slash = resource.lastIndexOf('/');
            String pkg = slash < 0 ? "" : resource.substring(0, slash).replace('/', '.');
            if (!pkg.isEmpty() && !imported.contains(pkg) && !pkg.startsWith("META-INF")) {
                packages.add(pkg);
                if (packages.size() >= MAX_PACKAGES) {
                    break;
                }
            }
        }
        return packages;
    }

    /** Settings from the configuration; a bad value is named in the log and the previous value is kept. */
    static LeakSettings settings(LifecycleConfig config, Map<String, Object> properties, LeakSettings previous) {
        String file = properties == null ? null : (String) properties.get("felix.fileinstall.filename");
        String where = LifecycleConfig.PID + (file == null ? "" : " (" + file + ")");
        Duration grace = previous.threadGrace();
        Duration deadline = previous.unloadDeadline();
        int history = previous.history();
        try {
            long ms = config.thread__grace__ms();
            if (ms < 0) {
                throw new IllegalArgumentException("must be 0 or more, got " + ms);
            }
            grace = Duration.ofMillis(ms);
        } catch (RuntimeException e) {
            LOG.warn("{}: thread_grace_ms {}; keeping {} ms", where, e.getMessage(), grace.toMillis());
        }
        try {
            long ms = config.unload__deadline__ms();
            if (ms < 0) {
                throw new IllegalArgumentException("must be 0 or more, got " + ms);
            }
            deadline = Duration.ofMillis(ms);
        } catch (RuntimeException e) {
            LOG.warn("{}: unload_deadline_ms {}; keeping {} ms", where, e.getMessage(), deadline.toMillis());
        }
        try {
            int h = config.history();
            if (h < 1) {
                throw new IllegalArgumentException("must be 1 or more, got " + h);
            }
            history = h;
        } catch (RuntimeException e) {
            LOG.warn("{}: history {}; keeping {}", where, e.getMessage(), history);
        }
        return new LeakSettings(grace, deadline, history);
    }

    private static void log(LeakCheck check) {
        if (!check.leaked()) {
            LOG.info("Plugin {} {}: its threads ended and its class loader was collected", check.info(), check.cause());
            return;
        }
        String threads = check.suspects().stream().filter(ThreadSuspect::isAlive).map(s -> "\"" + s.name() + "\"")
                .collect(Collectors.joining(", "));
        LOG.warn("Plugin {} {} but left something behind: {}{}{} — weir:leaks shows the evidence", check.info(),
                check.cause(), threads.isEmpty() ? "" : "threads " + threads,
                threads.isEmpty() || !check.loaderLeaked() ? "" : "; ",
                check.loaderLeaked() ? "its class loader is still reachable" : "");
    }
}
