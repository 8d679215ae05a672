package io.weir.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.LeakReportSections;
import io.weir.itests.support.WorkerPlugins;
import io.weir.itests.support.plugin.WorkerComponent;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Unload with proof, in the real distribution: a plugin removed from {@code deploy/} or replaced there is checked by
 * the runtime, and {@code weir:leaks} tells whether its threads ended and its class loader was garbage-collected, or
 * names the thread it left behind.
 *
 * <p>The plugins are {@link WorkerPlugins}: a DS component that starts a named thread. The unload checks run with a
 * short grace period and deadline (set through ConfigurationAdmin, PID {@code weir.lifecycle}) so a leak is reported
 * within seconds; a clean unload is reported as soon as the class loader is gone, whatever the deadline.
 */
public class LeakIT extends TestSupport {

    private static final String LEAKY = "io.weir.itests.leak.leaky";
    private static final String CLEAN = "io.weir.itests.leak.clean";
    private static final String UPDATED = "io.weir.itests.leak.updated";

    private static final String LIFECYCLE_PID = "weir.lifecycle";
    private static final String WATCHER_COMPONENT = "io.weir.runtime.internal.lifecycle.LifecycleWatcher";
    private static final Map<String, String> SHORT_CHECKS = Map.of("thread_grace_ms", "1000", "unload_deadline_ms", "4000");

    private final CountDownLatch release = new CountDownLatch(1);
    private ServiceRegistration<CountDownLatch> releaseRegistration;

    @Before
    public void shortChecksAndAReleaseForLeakyThreads() throws Exception {
        shortenTheUnloadChecks();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(WorkerPlugins.RELEASE_PROPERTY, "true");
        releaseRegistration = context.registerService(CountDownLatch.class, release, properties);
    }

    /** Lets a thread a test leaked end, so the next test starts without it. */
    @After
    public void releaseLeakedThreads() {
        release.countDown();
        releaseRegistration.unregister();
    }

    @Test
    public void aPluginThatLeavesItsThreadRunningIsNamedByWeirLeaks() {
        String thread = "weir-itests-leaky-worker";
        Path jar = deploy("leaky.jar", WorkerPlugins.worker(LEAKY, "1.0.0", thread, false).build());
        awaitBundleState(LEAKY, Bundle.ACTIVE);
        await("the plugin's thread " + thread + " runs", () -> threadAlive(thread));

        delete(jar);
        awaitNoBundle(LEAKY);
        String check = awaitFinishedCheck(LEAKY, "1.0.0");

        assertThat(check, containsString("uninstalled"));
        assertThat("the thread keeps the class loader alive too", check, containsString("threads and class loader alive"));
        assertThat(check, containsString("threads alive after the grace period:"));
        assertThat(check, containsString("- thread \"" + thread + "\""));
        assertThat("the evidence: the thread runs the plugin's code", check,
                containsString("it runs the plugin's code at " + WorkerComponent.class.getName() + ".run"));
        assertThat(check, containsString("class loader still reachable at the unload deadline"));
        assertTrue("the thread named is the one still running", threadAlive(thread));

        // The history follows what happens later: once the thread ends, the class loader can go.
        release.countDown();
        await("the leaked thread ends once released", () -> !threadAlive(thread));
        String later = awaitValue("weir:leaks -g shows the leaky plugin's class loader collected after its thread ended",
                () -> {
                    String section = LeakReportSections.revision(execute("weir:leaks -g " + LEAKY), LEAKY, "1.0.0");
                    return section != null && LeakReportSections.heading(section).endsWith("collected \u2714") ? section : null;
                });
        assertThat(later, containsString("all ended later"));
        assertThat(later, containsString("collected later"));
    }

    @Test
    public void aCleanPluginsClassLoaderIsCollectedAfterRemoval() {
        String thread = "weir-itests-clean-worker";
        Path jar = deploy("clean.jar", WorkerPlugins.worker(CLEAN, "1.0.0", thread, true).build());
        awaitBundleState(CLEAN, Bundle.ACTIVE);
        await("the plugin's thread " + thread + " runs", () -> threadAlive(thread));

        delete(jar);
        awaitNoBundle(CLEAN);
        String check = awaitFinishedCheck(CLEAN, "1.0.0");

        String heading = LeakReportSections.heading(check);
        assertThat(heading, containsString("uninstalled"));
        assertTrue("collected, not a leak:\n" + check, heading.endsWith("collected \u2714"));
        // the plugin joined its thread while stopping, before its revision went: no thread was left to wait for
        assertFalse(threadAlive(thread));
        assertThat(check, not(containsString("threads alive")));
        assertThat(check, containsString("class loader collected"));
    }

    @Test
    public void aPluginUpdatedInPlaceHasItsOldRevisionCollectedWhileTheNewOneRuns() {
        String oldThread = "weir-itests-updated-worker-1.0.0";
        String newThread = "weir-itests-updated-worker-1.1.0";
        deploy("updated.jar", WorkerPlugins.worker(UPDATED, "1.0.0", oldThread, true).build());
        long id = awaitBundleState(UPDATED, Bundle.ACTIVE).getBundleId();
        await("the first version's thread runs", () -> threadAlive(oldThread));

        deploy("updated.jar", WorkerPlugins.worker(UPDATED, "1.1.0", newThread, true).build());
        awaitValue("the plugin runs as version 1.1.0", () -> bundle(UPDATED)
                .filter(b -> b.getVersion().equals(Version.parseVersion("1.1.0")) && b.getState() == Bundle.ACTIVE)
                .orElse(null));
        String check = awaitFinishedCheck(UPDATED, "1.0.0");

        String heading = LeakReportSections.heading(check);
        assertThat(heading, containsString("(bundle " + id + ")"));
        assertThat(heading, containsString("updated"));
        assertTrue("the old revision was collected:\n" + check, heading.endsWith("collected \u2714"));
        assertThat(check, not(containsString("threads alive")));
        assertThat(check, containsString("class loader collected"));

        // ... while the new revision runs: same bundle, new version, its own thread, the old thread gone
        await("the new version's thread runs", () -> threadAlive(newThread));
        Bundle current = bundle(UPDATED).orElseThrow();
        assertEquals("updated in place", id, current.getBundleId());
        assertEquals(stateName(Bundle.ACTIVE), stateName(current.getState()));
        assertEquals(Version.parseVersion("1.1.0"), current.getVersion());
        assertFalse(threadAlive(oldThread));
        // FileInstall refreshes the bundle after the update, which may retire a short-lived 1.1.0 class loader too:
        // whatever revisions went, none left anything behind
        List<String> revisions = awaitValue("every check of " + UPDATED + " has ended", () -> {
            List<String> sections = LeakReportSections.revisions(execute("weir:leaks " + UPDATED), UPDATED);
            return sections.stream().allMatch(LeakReportSections::finished) ? sections : null;
        });
        for (String section : revisions) {
            assertFalse("no revision of " + UPDATED + " leaked:\n" + section, LeakReportSections.leaked(section));
        }
    }

    /**
     * Polls {@code weir:leaks} until the check of that revision has ended, and returns its section (heading and
     * evidence). A check ends when its threads ended and its loader was collected, or at its deadline. The check
     * starts as the bundle goes, so the unfiltered command is used: it cannot fail for a revision not yet listed.
     */
    private String awaitFinishedCheck(String symbolicName, String version) {
        return awaitValue("weir:leaks shows the finished check of " + symbolicName + " " + version, () -> {
            String section = LeakReportSections.revision(execute("weir:leaks"), symbolicName, version);
            return section != null && LeakReportSections.finished(section) ? section : null;
        });
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && name.equals(t.getName()));
    }

    /** Grace 1 s, deadline 4 s; waits until the watcher component runs with them. */
    private void shortenTheUnloadChecks() throws Exception {
        if (watcherUses(SHORT_CHECKS)) {
            return;
        }
        // "?" binds the configuration to whichever bundle asks for it: the runtime, not this probe
        org.osgi.service.cm.Configuration configuration = service(ConfigurationAdmin.class)
                .getConfiguration(LIFECYCLE_PID, "?");
        configuration.update(new Hashtable<>(SHORT_CHECKS));
        await("the unload checks run with " + SHORT_CHECKS, () -> watcherUses(SHORT_CHECKS));
    }

    private boolean watcherUses(Map<String, String> settings) {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        Bundle runtime = bundle("io.weir.runtime").orElseThrow();
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(runtime, WATCHER_COMPONENT);
        if (description == null) {
            throw new AssertionError("the runtime has no component " + WATCHER_COMPONENT);
        }
        List<ComponentConfigurationDTO> configurations = List.copyOf(scr.getComponentConfigurationDTOs(description));
        return configurations.stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE
                && settings.entrySet().stream().allMatch(e -> e.getValue().equals(String.valueOf(c.properties.get(e.getKey())))));
    }
}
