package io.weir.runtime.internal.diag;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Version;

public class RequirementDiagnosticsTest {

    private static final BundleRef SYSTEM = new BundleRef(0, "org.apache.felix.framework", "7.0.5");
    private static final Capability JAVA_17 = new Capability("osgi.ee", Map.of("osgi.ee", "JavaSE",
            "version", List.of(Version.parseVersion("1.8"), Version.parseVersion("11"), Version.parseVersion("17"))), SYSTEM);
    private static final Capability DS = new Capability("osgi.extender", Map.of("osgi.extender", "osgi.component",
            "version", Version.parseVersion("1.5.0")), new BundleRef(5, "org.apache.felix.scr", "2.2.18"));

    @Test
    public void metRequirementsGiveNoMessage() {
        List<Requirement> requirements = List.of(
                new Requirement("osgi.ee", "(&(osgi.ee=JavaSE)(version=17))", false),
                new Requirement("osgi.extender", "(&(osgi.extender=osgi.component)(version>=1.4.0)(!(version>=2.0.0)))", false));
        assertEquals(List.of(), RequirementDiagnostics.unsatisfied(requirements, List.of(JAVA_17, DS)));
    }

    @Test
    public void pluginBuiltForANewerJava() {
        assertEquals(List.of("needs a Java runtime matching (&(osgi.ee=JavaSE)(version=21)) but this server runs on Java 17"
                + " — run Weir on a newer Java, or rebuild the plugin for Java 17"),
                RequirementDiagnostics.unsatisfied(List.of(new Requirement("osgi.ee", "(&(osgi.ee=JavaSE)(version=21))", false)),
                        List.of(JAVA_17, DS)));
    }

    @Test
    public void missingRequiredBundle() {
        assertEquals(List.of("needs bundle (osgi.wiring.bundle=org.foo.all) (Require-Bundle) which is not installed"
                + " — deploy that bundle, or rebuild the plugin with Import-Package instead"),
                RequirementDiagnostics.unsatisfied(
                        List.of(new Requirement("osgi.wiring.bundle", "(osgi.wiring.bundle=org.foo.all)", false)), List.of(JAVA_17)));
    }

    @Test
    public void missingExtenderVersion() {
        String filter = "(&(osgi.extender=osgi.component)(version>=2.0.0))";
        assertEquals(List.of("needs capability osgi.extender " + filter
                + " which no installed bundle provides — deploy a bundle that provides it"),
                RequirementDiagnostics.unsatisfied(List.of(new Requirement("osgi.extender", filter, false)), List.of(DS)));
    }

    @Test
    public void optionalAndFilterlessRequirements() {
        assertEquals(List.of(), RequirementDiagnostics.unsatisfied(List.of(
                new Requirement("osgi.extender", "(osgi.extender=osgi.cdi)", true),
                new Requirement("osgi.extender", null, false)), List.of(DS)));
        assertEquals(1, RequirementDiagnostics.unsatisfied(List.of(new Requirement("acme.feature", null, false)),
                List.of(DS)).size());
    }

    @Test
    public void invalidFilterIsReportedNotThrown() {
        List<String> messages = RequirementDiagnostics.unsatisfied(
                List.of(new Requirement("osgi.extender", "(osgi.extender=", false)), List.of(DS));
        assertEquals(1, messages.size());
        assertTrue(messages.get(0), messages.get(0).startsWith("has an invalid filter in its osgi.extender requirement: (osgi.extender="));
    }
}
