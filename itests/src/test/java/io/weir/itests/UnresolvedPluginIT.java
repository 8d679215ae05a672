package io.weir.itests;

import static io.weir.itests.fixture.FixtureBundles.FIXTURE_PROPERTY;
import static io.weir.itests.fixture.FixtureBundles.SERVICE_INTERFACE;
import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;

import io.weir.itests.fixture.FixtureBundles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A plugin built against an API version the server does not have stays INSTALLED: the server goes on, a neighbour
 * plugin keeps working, and {@code weir:plugins} says which package and range the plugin wanted.
 */
public class UnresolvedPluginIT extends TestSupport {

    private static final String FUTURE = "io.weir.itests.plugin.future";
    private static final String NEIGHBOUR = "io.weir.itests.plugin.neighbour";
    private static final String NEIGHBOUR_PID = "io.weir.itests.neighbour";
    private static final String NEIGHBOUR_SERVICE = "(" + FIXTURE_PROPERTY + "=" + NEIGHBOUR + ")";

    @Test
    public void aPluginForAnotherMajorApiVersionStaysInstalledAndDisturbsNothing() throws Exception {
        // a working plugin of the current API, with a live component
        deploy("neighbour.jar", FixtureBundles.configuredComponent(NEIGHBOUR, NEIGHBOUR_PID)
                .importPackage("io.weir.api.connector;version=\"[1.0,2)\"").build());
        writeConfig(NEIGHBOUR_PID + "-main.cfg", Map.of("greeting", "still here"));
        awaitSingleService(SERVICE_INTERFACE, NEIGHBOUR_SERVICE);

        List<String> disturbances = Collections.synchronizedList(new ArrayList<>());
        BundleListener bundleWatch = event -> {
            boolean stopped = event.getType() == BundleEvent.STOPPING || event.getType() == BundleEvent.UNRESOLVED;
            if (stopped && !FUTURE.equals(event.getBundle().getSymbolicName())) {
                disturbances.add(event.getBundle().getSymbolicName() + " went " + (event.getType() == BundleEvent.STOPPING ? "STOPPING" : "UNRESOLVED"));
            }
        };
        ServiceListener serviceWatch = event -> {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                disturbances.add("the neighbour's service was unregistered");
            }
        };
        context.addBundleListener(bundleWatch);
        context.addServiceListener(serviceWatch, "(&(objectClass=" + SERVICE_INTERFACE + ")" + NEIGHBOUR_SERVICE + ")");
        try {
            deploy("future.jar", FixtureBundles.importing(FUTURE, "io.weir.api.connector", "[2.0,3)").build());
            Bundle future = awaitBundle(FUTURE);

            // the neighbour still works: a configuration written after the bad jar still reaches a new component
            writeConfig(NEIGHBOUR_PID + "-second.cfg", Map.of("greeting", "after"));
            awaitSingleService(SERVICE_INTERFACE, "(&" + NEIGHBOUR_SERVICE + "(greeting=after))");

            FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
            assertFalse("the resolver cannot wire a bundle that needs io.weir.api.connector 2.x",
                    wiring.resolveBundles(List.of(future)));
            assertEquals(stateName(Bundle.INSTALLED), stateName(future.getState()));
            assertEquals(stateName(Bundle.ACTIVE), stateName(bundle(NEIGHBOUR).orElseThrow().getState()));
            assertEquals(List.of(), new ArrayList<>(disturbances));
        } finally {
            context.removeServiceListener(serviceWatch);
            context.removeBundleListener(bundleWatch);
        }
    }

    @Test
    public void weirPluginsNamesThePackageAndTheRangeThePluginWanted() {
        deploy("future.jar", FixtureBundles.importing(FUTURE, "io.weir.api.connector", "[2.0,3)").build());
        awaitBundle(FUTURE);

        String output = execute("weir:plugins");
        assertThat(output, containsString(FUTURE));
        assertThat(output, containsString("INSTALLED"));
        assertThat(output, containsString("io.weir.api.connector"));
        assertThat(output, containsString("[2.0.0,3.0.0)"));
    }
}
