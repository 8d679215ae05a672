package io.weir.runtime.internal.diag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.weir.runtime.internal.lifecycle.deploy.DeployProblems;
import io.weir.runtime.internal.lifecycle.deploy.InstalledBundle;

/**
 * Reads the installed bundles from the framework (headers, revisions, wirings, DS component state) into the
 * plain records that {@link ImportDiagnostics}, {@link RequirementDiagnostics} and {@link ComponentDiagnostics}
 * explain. Read-only: it never resolves, starts or refreshes anything.
 */
public final class BundleInspector {

    /** The runtime imports the API to host plugins; it is not a plugin itself. */
    static final String RUNTIME_SYMBOLIC_NAME = "io.weir.runtime";
    /**
     * Weir's core bundles import API packages too (the API its own, as substitutable exports; the pipeline
     * to register the built-in codecs and operators) but are the server, not plugins.
     */
    public static final java.util.Set<String> CORE_SYMBOLIC_NAMES =
            java.util.Set.of(RUNTIME_SYMBOLIC_NAME, "io.weir.connector-api", "io.weir.pipeline");
    private static final String WEIR_PREFIX = "io.weir.";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    /**
     * @param context any bundle's context; used to list the installed bundles
     * @param scr     Declarative Services' runtime, or {@code null} when it is not available
     */
    public BundleInspector(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** Every plugin: a bundle that imports an {@code io.weir.api.*} package, other than the runtime. */
    public List<PluginInfo> plugins() {
        Installed installed = new Installed();
        List<PluginInfo> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            List<PackageImport> imports = imports(bundle);
            if (isPlugin(bundle, imports)) {
                plugins.add(info(bundle, imports, installed));
            }
        }
        return plugins;
    }

    /** Weir's own bundles (symbolic name io.weir.*) that are not plugins: the runtime, the API. */
    public List<PluginInfo> weirBundles() {
        Installed installed = new Installed();
        List<PluginInfo> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            List<PackageImport> imports = imports(bundle);
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith(WEIR_PREFIX) && !isPlugin(bundle, imports)) {
                bundles.add(info(bundle, imports, installed));
            }
        }
        return bundles;
    }

    /**
     * Full reports for the bundle with this id, or for every bundle with this symbolic name, or installed from a
     * file with this name or path.
     *
     * @throws IllegalArgumentException if no bundle matches, with the names of similar bundles
     */
    public List<BundleReport> diagnose(String idOrName) {
        String key = idOrName == null ? "" : idOrName.trim();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("name a bundle: weir:diag <bundle id, symbolic name or jar file>");
        }
        if (key.chars().allMatch(Character::isDigit) && context.getBundle(Long.parseLong(key)) == null) {
            throw new IllegalArgumentException("no bundle with id " + key + " — weir:plugins lists the plugins");
        }
        List<BundleReport> reports = matching(key);
        if (reports.isEmpty()) {
            String similar = Arrays.stream(context.getBundles())
                    .map(Bundle::getSymbolicName)
                    .filter(n -> n != null && n.toLowerCase().contains(key.toLowerCase()))
                    .sorted().collect(Collectors.joining(", "));
            throw new IllegalArgumentException("no bundle or jar file named " + key
                    + (similar.isEmpty() ? " — weir:plugins lists the plugins" : " — did you mean: " + similar));
        }
        return reports;
    }

    /** Like {@link #diagnose}, but an empty list when nothing matches. */
    public List<BundleReport> matching(String idOrName) {
        String key = idOrName == null ? "" : idOrName.trim();
        List<Bundle> matches = new ArrayList<>();
        if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            Bundle bundle = context.getBundle(Long.parseLong(key));
            if (bundle != null) {
                matches.add(bundle);
            }
        } else if (!key.isEmpty()) {
            Path asPath = DeployProblems.asPath(key);
            for (Bundle bundle : context.getBundles()) {
                Path file = InstalledBundle.fileOf(bundle.getLocation());
                if (key.equals(bundle.getSymbolicName()) || file != null
                        && (file.getFileName().toString().equals(key) || file.equals(asPath))) {
                    matches.add(bundle);
                }
            }
        }
        Installed installed = new Installed();
        List<BundleReport> reports = new ArrayList<>();
        for (Bundle bundle : matches) {
            reports.add(report(bundle, installed));
        }
        return reports;
    }

    private static boolean isPlugin(Bundle bundle, List<PackageImport> imports) {
        String name = bundle.getSymbolicName();
        return !CORE_SYMBOLIC_NAMES.contains(name) && imports.stream().anyMatch(PackageImport::isApi);
    }

    private PluginInfo info(Bundle bundle, List<PackageImport> imports, Installed installed) {
        List<String> problems = new ArrayList<>(resolutionProblems(bundle, imports, installed));
        for (var component : components(bundle)) {
            if (component.problem()) {
                component.details().forEach(d -> problems.add("component " + component.name() + ": " + d));
            }
        }
        return new PluginInfo(ref(bundle), stateName(bundle.getState()), wired(bundle, imports), problems);
    }

    private BundleReport report(Bundle bundle, Installed installed) {
        List<PackageImport> imports = imports(bundle);
        List<String> problems = new ArrayList<>(resolutionProblems(bundle, imports, installed));
        List<ComponentStatus> components = components(bundle);
        for (ComponentStatus component : components) {
            if (component.problem()) {
                component.details().forEach(d -> problems.add("component " + component.name() + ": " + d));
            }
        }
        String note = null;
        if (scr == null) {
            note = "unknown: Declarative Services is not running";
        } else if (!isActive(bundle)) {
            note = "none listed: Declarative Services reads a bundle's components only while it is active";
        }
        String state = stateName(bundle.getState()) + (isResolved(bundle) ? "" : " (not resolved)");
        return new BundleReport(ref(bundle), state, bundle.getLocation(), wired(bundle, imports), problems, components,
                note);
    }

    /** Why an installed bundle is not resolved, or not started; empty when it runs. */
    private List<String> resolutionProblems(Bundle bundle, List<PackageImport> imports, Installed installed) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of("it has been uninstalled");
        }
        if (!isResolved(bundle)) {
            List<String> problems = new ArrayList<>(ImportDiagnostics.unsatisfied(ref(bundle), imports, installed.exports));
            problems.addAll(RequirementDiagnostics.unsatisfied(requirements(revision), installed.capabilities));
            if (problems.isEmpty()) {
                problems.add("every package and capability it needs is installed, yet the framework has not resolved it"
                        + " (a uses-constraint conflict, or no resolve attempted yet) — `start " + bundle.getBundleId()
                        + "` prints the framework's own reason");
            }
            return problems;
        }
        boolean fragment = (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        if (bundle.getState() == Bundle.RESOLVED && !fragment) {
            return List.of("it is resolved but not started — `start " + bundle.getBundleId()
                    + "` starts it; if starting failed, the server log says why");
        }
        return List.of();
    }

    private List<ComponentStatus> components(Bundle bundle) {
        if (scr == null || !isActive(bundle)) {
            return List.of();
        }
        List<ComponentStatus> result = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            result.addAll(ComponentDiagnostics.explain(description, scr.isComponentEnabled(description),
                    scr.getComponentConfigurationDTOs(description)));
        }
        return result;
    }

    /** The imports paired with what the current revision's wiring connected them to. */
    private static List<WiredImport> wired(Bundle bundle, List<PackageImport> imports) {
        Map<String, BundleCapability> wires = new HashMap<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                BundleCapability capability = wire.getCapability();
                wires.put((String) capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE), capability);
            }
        }
        List<WiredImport> result = new ArrayList<>();
        for (PackageImport imp : imports) {
            BundleCapability capability = wires.get(imp.packageName());
            if (capability == null) {
                result.add(new WiredImport(imp, null, null));
            } else {
                result.add(new WiredImport(imp, version(capability.getAttributes()),
                        ref(capability.getRevision().getBundle())));
            }
        }
        return result;
    }

    private static List<PackageImport> imports(Bundle bundle) {
        String header = bundle.getHeaders("").get(Constants.IMPORT_PACKAGE);
        try {
            return ImportPackageParser.parse(header);
        } catch (IllegalArgumentException e) {
            // The framework refuses to install a bundle with a malformed header, so this is a manifest we cannot read.
            return List.of();
        }
    }

    private static List<Requirement> requirements(BundleRevision revision) {
        List<Requirement> result = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            Map<String, String> directives = requirement.getDirectives();
            String effective = directives.get(Constants.EFFECTIVE_DIRECTIVE);
            if (requirement.getNamespace().equals(PackageNamespace.PACKAGE_NAMESPACE)
                    || (effective != null && !effective.equals(Constants.EFFECTIVE_RESOLVE))) {
                continue;
            }
            result.add(new Requirement(requirement.getNamespace(), directives.get(Constants.FILTER_DIRECTIVE),
                    Constants.RESOLUTION_OPTIONAL.equals(directives.get(Constants.RESOLUTION_DIRECTIVE))));
        }
        return result;
    }

    private static boolean isResolved(Bundle bundle) {
        return (bundle.getState() & (Bundle.INSTALLED | Bundle.UNINSTALLED)) == 0;
    }

    private static boolean isActive(Bundle bundle) {
        return (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
    }

    static BundleRef ref(Bundle bundle) {
        String name = bundle.getSymbolicName() == null ? "(no symbolic name)" : bundle.getSymbolicName();
        return new BundleRef(bundle.getBundleId(), name, bundle.getVersion().toString());
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            default: return "STATE " + state;
        }
    }

    private static Version version(Map<String, Object> attributes) {
        Object version = attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        return version instanceof Version ? (Version) version : Version.parseVersion(String.valueOf(version));
    }

    /** Every export and capability of the installed bundles, read once per command. */
    private final class Installed {
        final List<PackageExport> exports = new ArrayList<>();
        final List<Capability> capabilities = new ArrayList<>();

        Installed() {
            for (Bundle bundle : context.getBundles()) {
                BundleRevision revision = bundle.adapt(BundleRevision.class);
                if (revision == null) {
                    continue;
                }
                BundleRef ref = ref(bundle);
                boolean resolved = revision.getWiring() != null;
                for (BundleCapability capability : revision.getDeclaredCapabilities(null)) {
                    Map<String, Object> attributes = capability.getAttributes();
                    if (capability.getNamespace().equals(PackageNamespace.PACKAGE_NAMESPACE)) {
                        exports.add(new PackageExport((String) attributes.get(PackageNamespace.PACKAGE_NAMESPACE),
                                version(attributes), ref, resolved));
                    } else {
                        capabilities.add(new Capability(capability.getNamespace(), attributes, ref));
                    }
                }
            }
        }
    }
}
