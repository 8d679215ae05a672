package io.weir.itests;

import static io.weir.itests.fixture.FixtureBundles.FIXTURE_PROPERTY;
import static io.weir.itests.fixture.FixtureBundles.SERVICE_INTERFACE;
import static org.junit.Assert.assertEquals;

import io.weir.itests.fixture.FixtureBundles;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Configuration files in the watched {@code etc/} folder drive DS components live: a {@code .cfg} dropped in creates
 * a component with its values, an edit reconfigures it, a delete removes it. The component comes from a bundle built
 * at test time and deployed through {@code deploy/}, as a plugin would be.
 */
public class ConfigFolderIT extends TestSupport {

    private static final String PLUGIN = "io.weir.itests.plugin.configured";
    private static final String FACTORY_PID = "io.weir.itests.configured";
    private static final String SINGLETON_PID = "io.weir.itests.single";
    private static final String FIXTURE = "(" + FIXTURE_PROPERTY + "=" + PLUGIN + ")";

    @Before
    public void deployTheComponentBundle() {
        deploy("configured-plugin.jar", FixtureBundles.configuredComponent(PLUGIN, FACTORY_PID).build());
        awaitBundleState(PLUGIN, Bundle.ACTIVE);
    }

    @Test
    public void aFactoryConfigurationFileCreatesReconfiguresAndRemovesAComponent() {
        assertEquals("no configuration, no component", 0, serviceReferences(SERVICE_INTERFACE, FIXTURE).size());

        Path cfg = writeConfig(FACTORY_PID + "-alpha.cfg", Map.of("greeting", "hello", "count", "3"));
        String alpha = FIXTURE + "(service.pid=" + FACTORY_PID + "~alpha)";
        ServiceReference<?> created = awaitSingleService(SERVICE_INTERFACE, "(&" + alpha + "(greeting=hello))");
        assertEquals(FACTORY_PID, created.getProperty("service.factoryPid"));
        assertEquals("3", created.getProperty("count"));
        assertEquals("the component itself got the values", "hello", configurationSeenBy(created).get("greeting"));

        writeConfig(FACTORY_PID + "-alpha.cfg", Map.of("greeting", "bonjour", "count", "3"));
        ServiceReference<?> edited = awaitSingleService(SERVICE_INTERFACE, "(&" + alpha + "(greeting=bonjour))");
        assertEquals("bonjour", configurationSeenBy(edited).get("greeting"));
        assertEquals("still one instance", 1, serviceReferences(SERVICE_INTERFACE, FIXTURE).size());

        delete(cfg);
        awaitNoService(SERVICE_INTERFACE, FIXTURE);
    }

    @Test
    public void eachFactoryConfigurationFileIsItsOwnInstance() {
        writeConfig(FACTORY_PID + "-one.cfg", Map.of("greeting", "one"));
        writeConfig(FACTORY_PID + "-two.cfg", Map.of("greeting", "two"));
        awaitSingleService(SERVICE_INTERFACE, "(&" + FIXTURE + "(service.pid=" + FACTORY_PID + "~one)(greeting=one))");
        awaitSingleService(SERVICE_INTERFACE, "(&" + FIXTURE + "(service.pid=" + FACTORY_PID + "~two)(greeting=two))");
        assertEquals(2, serviceReferences(SERVICE_INTERFACE, FIXTURE).size());
    }

    @Test
    public void aSingletonConfigurationFileConfiguresASingletonComponent() {
        String plugin = "io.weir.itests.plugin.single";
        String fixture = "(" + FIXTURE_PROPERTY + "=" + plugin + ")";
        deploy("single-plugin.jar", FixtureBundles.configuredComponent(plugin, SINGLETON_PID).build());
        awaitBundleState(plugin, Bundle.ACTIVE);

        Path cfg = writeConfig(SINGLETON_PID + ".cfg", Map.of("greeting", "solo"));
        ServiceReference<?> created = awaitSingleService(SERVICE_INTERFACE, "(&" + fixture + "(service.pid=" + SINGLETON_PID + "))");
        assertEquals("solo", configurationSeenBy(created).get("greeting"));

        delete(cfg);
        awaitNoService(SERVICE_INTERFACE, fixture);
    }

    /** What the component received in activate or modified, through its own service. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> configurationSeenBy(ServiceReference<?> reference) {
        Object service = context.getService(reference);
        try {
            return ((Supplier<Map<String, Object>>) service).get();
        } finally {
            context.ungetService(reference);
        }
    }
}
