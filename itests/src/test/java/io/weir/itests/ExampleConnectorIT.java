package io.weir.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The example connector that plugin authors start from ({@code connector-api/example}, built on its own against the
 * connector-api artifact) deploys into a running server, and a factory configuration in {@code etc/} creates a live
 * instance of its source.
 */
public class ExampleConnectorIT extends TestSupport {

    private static final String JAR_PROPERTY = "weir.itests.example.jar";
    private static final String BUNDLE = "io.weir.example.connector";
    private static final String SOURCE_PID = "weir.source.sequence";
    private static final String SOURCE_COMPONENT = "io.weir.example.internal.sequence.SequenceSource";
    private static final String SOURCE = "io.weir.api.connector.Source";

    @Override
    protected Option[] extraOptions() {
        String jar = System.getProperty("weir.example.connector");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("no example connector jar at " + jar
                    + " (connector-api's verify phase builds it: mvn -B verify -pl itests -am)");
        }
        return new Option[] {frameworkProperty(JAR_PROPERTY).value(jar)};
    }

    @Test
    public void theExampleSourceRunsWithTheConfigurationFromEtc() throws IOException {
        deploy("weir-example-connector.jar", Files.readAllBytes(Paths.get(context.getProperty(JAR_PROPERTY))));
        awaitBundleState(BUNDLE, Bundle.ACTIVE);

        writeConfig(SOURCE_PID + "-ticks.cfg", Map.of("rate", "5", "limit", "10"));
        ServiceReference<?> source = awaitSingleService(SOURCE,
                "(&(service.pid=" + SOURCE_PID + "~ticks)(weir.connector.type=sequence))");
        assertEquals("the file's values reach the instance", "5", source.getProperty("rate"));
        assertEquals("10", source.getProperty("limit"));
        try {
            assertNotNull("the instance activates with that configuration", context.getService(source));
            assertEquals(ComponentConfigurationDTO.ACTIVE, sourceConfiguration(SOURCE_PID + "~ticks").state);
        } finally {
            context.ungetService(source);
        }

        String plugins = execute("weir:plugins");
        assertThat(plugins, containsString(BUNDLE));
        assertThat(plugins, containsString("ACTIVE"));
        assertThat(plugins, containsString("io.weir.api.connector [1.0.0,2.0.0)"));
    }

    @Test
    public void aBadValueLeavesThatInstanceInactiveWithAMessageNamingTheKeyAndOthersRun() throws IOException {
        deploy("weir-example-connector.jar", Files.readAllBytes(Paths.get(context.getProperty(JAR_PROPERTY))));
        awaitBundleState(BUNDLE, Bundle.ACTIVE);

        Path bad = writeConfig(SOURCE_PID + "-bad.cfg", Map.of("rate", "-3"));
        writeConfig(SOURCE_PID + "-good.cfg", Map.of("rate", "2"));
        ServiceReference<?> badSource = awaitSingleService(SOURCE, "(service.pid=" + SOURCE_PID + "~bad)");
        ServiceReference<?> goodSource = awaitSingleService(SOURCE, "(service.pid=" + SOURCE_PID + "~good)");

        assertNull("activation refuses rate=-3", context.getService(badSource));
        ComponentConfigurationDTO failed = sourceConfiguration(SOURCE_PID + "~bad");
        assertEquals(ComponentConfigurationDTO.FAILED_ACTIVATION, failed.state);
        assertThat(failed.failure, containsString("rate"));
        assertThat(failed.failure, containsString(bad.getFileName().toString()));
        try {
            assertNotNull("the good instance beside it activates", context.getService(goodSource));
        } finally {
            context.ungetService(goodSource);
        }
    }

    /** SCR's view of the source component's instance for one configuration. */
    private ComponentConfigurationDTO sourceConfiguration(String pid) {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        Bundle bundle = bundle(BUNDLE).orElseThrow();
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle, SOURCE_COMPONENT);
        assertNotNull("the example bundle declares " + SOURCE_COMPONENT, description);
        return scr.getComponentConfigurationDTOs(description).stream()
                .filter(c -> pid.equals(c.properties.get("service.pid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("SCR has no instance for " + pid));
    }
}
