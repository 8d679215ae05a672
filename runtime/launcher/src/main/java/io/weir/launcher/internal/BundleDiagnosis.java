package io.weir.launcher.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Explains an unresolved bundle the way Karaf's {@code bundle:diag} does: each mandatory requirement that no
 * capability of the candidate bundles matches. Requirements that some capability matches but that still failed
 * (a uses conflict, a provider that is itself unresolved) are left to the resolver's own message.
 */
public final class BundleDiagnosis {
    private BundleDiagnosis() {
    }

    /**
     * @param requirements the bundle's declared requirements
     * @param candidates   every capability on offer (all bundles, the system bundle included)
     * @return one line per unmatched mandatory requirement, e.g. {@code missing osgi.wiring.package (&(...))}
     */
    public static List<String> unmatched(List<Requirement> requirements, List<Capability> candidates) {
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : requirements) {
            Map<String, String> directives = requirement.getDirectives();
            if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            String effective = directives.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE);
            if (!Namespace.EFFECTIVE_RESOLVE.equals(effective)) {
                continue;
            }
            String filterText = directives.get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            if (!matchesAny(requirement.getNamespace(), filterText, candidates)) {
                missing.add("missing " + requirement.getNamespace() + (filterText == null ? "" : " " + filterText));
            }
        }
        return missing;
    }

    private static boolean matchesAny(String namespace, String filterText, List<Capability> candidates) {
        Filter filter;
        try {
            filter = filterText == null ? null : FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Capability capability : candidates) {
            if (!namespace.equals(capability.getNamespace())) {
                continue;
            }
            if (filter == null || filter.matches(capability.getAttributes())) {
                return true;
            }
        }
        return false;
    }

    /** True for a requirement nothing can satisfy by design: {@code osgi.unresolvable} marks compile-only jars. */
    public static boolean isUnresolvableMarker(String requireCapabilityHeader) {
        return requireCapabilityHeader != null && requireCapabilityHeader.contains("osgi.unresolvable");
    }

}
