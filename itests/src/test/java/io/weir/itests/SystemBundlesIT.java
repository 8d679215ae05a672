package io.weir.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.SystemFolder;
import io.weir.itests.support.SystemFolder.SystemJar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The distribution's system bundles, and nothing else but Pax Exam's own, come up in a real framework: every bundle
 * is active (fragments resolved) and the services the server is built on are there.
 */
public class SystemBundlesIT extends TestSupport {

    /** Bundles Pax Exam adds to run the tests inside the framework. */
    private static final List<String> TEST_INFRASTRUCTURE = List.of("org.ops4j.", "PAXEXAM-PROBE",
            "org.apache.servicemix.bundles.junit", "org.apache.servicemix.bundles.hamcrest", "jakarta.inject");

    @Test
    public void everySystemBundleIsActiveAndFragmentsAreResolved() {
        List<String> problems = new ArrayList<>();
        for (SystemJar jar : SystemFolder.scan(distributionFolder().resolve("system"))) {
            Bundle bundle = bundle(jar.symbolicName()).orElse(null);
            if (bundle == null) {
                problems.add(jar.path().getFileName() + " (" + jar.symbolicName() + ") is not installed");
                continue;
            }
            if (!bundle.getVersion().equals(Version.parseVersion(jar.version()))) {
                problems.add(jar.symbolicName() + " runs as version " + bundle.getVersion() + ", system/ has " + jar.version());
            }
            int expected = jar.fragment() ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                problems.add(jar.symbolicName() + " is " + stateName(bundle.getState()) + ", expected " + stateName(expected));
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    @Test
    public void noBundleRunsThatTheDistributionDoesNotShip() {
        List<String> shipped = SystemFolder.scan(distributionFolder().resolve("system")).stream()
                .map(SystemJar::symbolicName).collect(Collectors.toList());
        List<String> extra = Arrays.stream(context.getBundles())
                .filter(b -> b.getBundleId() != 0)
                .map(Bundle::getSymbolicName)
                .filter(name -> !shipped.contains(name))
                .filter(name -> TEST_INFRASTRUCTURE.stream().noneMatch(name::startsWith))
                .collect(Collectors.toList());
        assertEquals("bundles running that system/ does not hold", List.of(), extra);
    }

    @Test
    public void theServicesTheServerStandsOnAreRegistered() {
        assertNotNull(service(ServiceComponentRuntime.class));
        assertNotNull(service(ConfigurationAdmin.class));
        assertNotNull(service(MetaTypeService.class));
        assertNotNull(service(CommandProcessor.class));
        awaitSingleService(ManagedServiceFactory.class.getName(), "(service.pid=org.apache.felix.fileinstall)");
    }

    @Test
    public void noDeclarativeServicesComponentFailedToActivate() {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        List<String> failed = scr.getComponentDescriptionDTOs().stream()
                .flatMap(description -> scr.getComponentConfigurationDTOs(description).stream())
                .filter(configuration -> configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                .map(configuration -> configuration.description.name + ": " + configuration.failure)
                .collect(Collectors.toList());
        assertEquals(List.of(), failed);
    }

    @Test
    public void withNothingDeployedWeirPluginsListsNoPlugin() {
        String output = execute("weir:plugins");
        assertThat("the distribution's own bundles are not plugins", output, containsString("Plugins (0)"));
    }

    @Test
    public void gogoRunsCommandsAndListsTheWeirBundles() {
        String output = execute("lb -s");
        assertThat(output, containsString("io.weir.runtime"));
        assertThat(output, containsString("io.weir.connector-api"));
    }
}
