package io.weir.runtime.internal.lifecycle;

import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plugin's class loader as it was wired, held only weakly, with what identifies the plugin's code and
 * threads: the packages its own content holds and the connector types it registered (plugin threads are
 * named {@code weir-<type>-<instance>-...}).
 *
 * <p>The loader must be captured while the wiring exists: once the bundle is unresolved or uninstalled the
 * framework no longer hands it out, and holding it strongly would itself be the leak this class helps find.
 */
public final class PluginRevision {

    private final RevisionInfo info;
    private final WeakReference<ClassLoader> loader;
    private final Set<String> packages;
    private final Set<String> connectorTypes = ConcurrentHashMap.newKeySet();

    /**
     * @param info     the names of the revision
     * @param loader   its class loader; only a weak reference is kept
     * @param packages the packages of its own classes (not the ones it imports)
     */
    public PluginRevision(RevisionInfo info, ClassLoader loader, Set<String> packages) {
        this.info = info;
        this.loader = new WeakReference<>(loader);
        this.packages = Set.copyOf(packages);
    }

    public RevisionInfo info() {
        return info;
    }

    /** The weak reference to the class loader; cleared once the loader was garbage-collected. */
    public WeakReference<ClassLoader> loaderReference() {
        return loader;
    }

    /** True if this revision was wired with exactly this class loader. */
    public boolean hasLoader(ClassLoader candidate) {
        return candidate != null && loader.get() == candidate;
    }

    public Set<String> packages() {
        return packages;
    }

    /** Records a connector type this revision registered a service for. */
    public void addConnectorType(String type) {
        if (type != null && !type.isBlank()) {
            connectorTypes.add(type.trim());
        }
    }

    public Set<String> connectorTypes() {
        return Set.copyOf(connectorTypes);
    }

    /** The thread-name prefixes the plugin's own threads use by convention: {@code weir-<type>-}. */
    public Set<String> threadPrefixes() {
        Set<String> prefixes = new TreeSet<>();
        for (String type : connectorTypes) {
            prefixes.add("weir-" + type + "-");
        }
        return prefixes;
    }

    @Override
    public String toString() {
        return info.toString();
    }
}
