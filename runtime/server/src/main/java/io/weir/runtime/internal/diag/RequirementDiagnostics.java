package io.weir.runtime.internal.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;

/**
 * Explains which non-package requirements of a bundle nothing installed can meet.
 *
 * <p>Filters are matched with {@link FrameworkUtil#createFilter}, which needs no running framework.
 */
public final class RequirementDiagnostics {

    private static final String EE_NAMESPACE = "osgi.ee";
    private static final String BUNDLE_NAMESPACE = "osgi.wiring.bundle";
    private static final String HOST_NAMESPACE = "osgi.wiring.host";

    private RequirementDiagnostics() {
    }

    /** One message per mandatory requirement that no capability matches. */
    public static List<String> unsatisfied(List<Requirement> requirements, Collection<Capability> capabilities) {
        List<String> messages = new ArrayList<>();
        for (Requirement requirement : requirements) {
            explain(requirement, capabilities).ifPresent(messages::add);
        }
        return messages;
    }

    /** Why one requirement cannot be met, or empty if a capability matches it (or it is optional). */
    public static Optional<String> explain(Requirement requirement, Collection<Capability> capabilities) {
        if (requirement.optional()) {
            return Optional.empty();
        }
        Filter filter;
        try {
            filter = requirement.filter() == null ? null : FrameworkUtil.createFilter(requirement.filter());
        } catch (InvalidSyntaxException e) {
            return Optional.of("has an invalid filter in its " + requirement.namespace() + " requirement: "
                    + requirement.filter() + " (" + e.getMessage() + ") — the plugin's manifest is broken; rebuild it");
        }
        for (Capability capability : capabilities) {
            if (capability.namespace().equals(requirement.namespace())
                    && (filter == null || filter.matches(capability.attributes()))) {
                return Optional.empty();
            }
        }
        String wanted = requirement.filter() == null ? "" : " " + requirement.filter();
        switch (requirement.namespace()) {
            case EE_NAMESPACE:
                String java = javaVersion(capabilities);
                return Optional.of("needs a Java runtime matching" + wanted + " but this server runs on Java " + java
                        + " — run Weir on a newer Java, or rebuild the plugin for Java " + java);
            case BUNDLE_NAMESPACE:
                return Optional.of("needs bundle" + wanted + " (Require-Bundle) which is not installed"
                        + " — deploy that bundle, or rebuild the plugin with Import-Package instead");
            case HOST_NAMESPACE:
                return Optional.of("is a fragment whose host" + wanted + " is not installed — deploy the host bundle");
            default:
                return Optional.of("needs capability " + requirement.namespace() + wanted
                        + " which no installed bundle provides — deploy a bundle that provides it");
        }
    }

    /** The newest Java SE version the system bundle announces, e.g. "17". */
    private static String javaVersion(Collection<Capability> capabilities) {
        Version newest = null;
        for (Capability capability : capabilities) {
            if (!capability.namespace().equals(EE_NAMESPACE) || !"JavaSE".equals(capability.attributes().get(EE_NAMESPACE))) {
                continue;
            }
            Object versions = capability.attributes().get("version");
            Iterable<?> list = versions instanceof Iterable<?> ? (Iterable<?>) versions : List.of(String.valueOf(versions));
            for (Object v : list) {
                Version version = v instanceof Version ? (Version) v : Version.parseVersion(String.valueOf(v));
                if (newest == null || version.compareTo(newest) > 0) {
                    newest = version;
                }
            }
        }
        if (newest == null) {
            return System.getProperty("java.specification.version");
        }
        return newest.getMinor() == 0 && newest.getMajor() >= 9 ? String.valueOf(newest.getMajor())
                : newest.getMajor() + "." + newest.getMinor();
    }
}
