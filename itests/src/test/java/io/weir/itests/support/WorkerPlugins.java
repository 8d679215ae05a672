package io.weir.itests.support;

import io.weir.itests.support.plugin.WorkerComponent;

/**
 * Plugin bundles with a thread of their own, built at test time around {@link WorkerComponent}: a DS component that
 * starts a named thread when activated and, in a well-behaved plugin, ends it when deactivated. Each bundle imports
 * {@code io.weir.api.connector}, so the runtime counts it as a plugin and checks its unloading.
 *
 * <p>Every worker needs a {@value #RELEASE_INTERFACE} service with the property {@value #RELEASE_FILTER}, which the
 * test registers: counting it down ends a leaky plugin's thread, so a test can clean up after a leak it provoked.
 */
public final class WorkerPlugins {

    /** The service type the worker waits on (from the JDK, so the plugin needs no import for it). */
    public static final String RELEASE_INTERFACE = "java.util.concurrent.CountDownLatch";
    /** The service property that marks the test's latch. */
    public static final String RELEASE_PROPERTY = "weir.itests.worker.release";
    /** The filter the workers' reference uses. */
    public static final String RELEASE_FILTER = "(" + RELEASE_PROPERTY + "=true)";

    private WorkerPlugins() {
    }

    /**
     * A plugin whose component starts a thread called {@code threadName}.
     *
     * @param stopsItsThread true for a well-behaved plugin that interrupts and joins its thread on deactivation;
     *                       false for one that leaves it running (a leak)
     */
    public static TestBundle worker(String symbolicName, String version, String threadName, boolean stopsItsThread) {
        String component = symbolicName + ".worker";
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="%1$s" immediate="true"
                    configuration-policy="ignore" activate="activate" deactivate="deactivate">
                  <implementation class="%2$s"/>
                  <reference name="release" interface="%3$s" target="%4$s" field="release"/>
                  <property name="worker.name" value="%5$s"/>
                  <property name="worker.stops" type="Boolean" value="%6$s"/>
                </scr:component>
                """.formatted(component, WorkerComponent.class.getName(), RELEASE_INTERFACE, RELEASE_FILTER,
                threadName, stopsItsThread);
        return TestBundle.named(symbolicName).version(version)
                .importPackage("io.weir.api.connector;version=\"[1.0,2)\"")
                .header("Service-Component", "OSGI-INF/" + component + ".xml")
                .addClass(WorkerComponent.class)
                .addResource("OSGI-INF/" + component + ".xml", xml);
    }
}
