package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Version;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

public class BundleDiagnosisTest {
    private static final String PACKAGE = "osgi.wiring.package";

    private static Requirement requirement(String filter, Map<String, String> moreDirectives) {
        java.util.Map<String, String> directives = new java.util.HashMap<>(moreDirectives);
        directives.put("filter", filter);
        return new Requirement() {
            public String getNamespace() {
                return PACKAGE;
            }

            public Map<String, String> getDirectives() {
                return directives;
            }

            public Map<String, Object> getAttributes() {
                return Map.of();
            }

            public Resource getResource() {
                return null;
            }
        };
    }

    private static Capability export(String name, String version) {
        return new Capability() {
            public String getNamespace() {
                return PACKAGE;
            }

            public Map<String, String> getDirectives() {
                return Map.of();
            }

            public Map<String, Object> getAttributes() {
                return Map.of(PACKAGE, name, "version", Version.parseVersion(version));
            }

            public Resource getResource() {
                return null;
            }
        };
    }

    @Test
    public void reportsOnlyTheRequirementsNothingMatches() {
        String wanted = "(&(osgi.wiring.package=io.weir.api.connector)(version>=2.0.0)(!(version>=3.0.0)))";
        String met = "(&(osgi.wiring.package=org.slf4j)(version>=1.7.0))";
        List<String> missing = BundleDiagnosis.unmatched(
                List.of(requirement(wanted, Map.of()), requirement(met, Map.of())),
                List.of(export("io.weir.api.connector", "1.0.0"), export("org.slf4j", "2.0.17")));
        assertEquals(List.of("missing osgi.wiring.package " + wanted), missing);
    }

    @Test
    public void optionalAndActiveTimeRequirementsDoNotCount() {
        List<String> missing = BundleDiagnosis.unmatched(List.of(
                requirement("(osgi.wiring.package=com.sun.jna)", Map.of("resolution", "optional")),
                requirement("(osgi.wiring.package=x)", Map.of("effective", "active"))), List.of());
        assertTrue(missing.isEmpty());
    }

    @Test
    public void recognisesTheUnresolvableMarker() {
        assertTrue(BundleDiagnosis.isUnresolvableMarker("osgi.unresolvable; filter:=\"(&(must.not.resolve=*)(!(must.not.resolve=*)))\""));
        assertTrue(!BundleDiagnosis.isUnresolvableMarker("osgi.ee; filter:=\"(osgi.ee=JavaSE)\""));
        assertTrue(!BundleDiagnosis.isUnresolvableMarker(null));
    }
}
