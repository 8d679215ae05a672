package io.weir.runtime.internal.lifecycle;

import static io.weir.runtime.internal.lifecycle.PluginLoaders.startRunnable;
import static io.weir.runtime.internal.lifecycle.PluginLoaders.startSubclass;
import static io.weir.runtime.internal.lifecycle.PluginLoaders.waitFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The whole check against real class loaders, threads and garbage collections: a plugin is a class loader of its
 * own, its threads are started by its own code, and only weak references are kept to it.
 */
public class LeakMonitorTest {

    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<LeakCheck> finished = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private LeakMonitor monitor;

    @Before
    public void startMonitor() {
        monitor = new LeakMonitor(new LeakSettings(Duration.ofMillis(300), Duration.ofSeconds(2), 100),
                id -> pending.get(), finished::add);
    }

    @After
    public void stopMonitor() {
        release.countDown();
        monitor.close();
    }

    @Test
    public void cleanPluginEndsItsThreadsAndItsClassLoaderIsCollected() throws Exception {
        PluginRevision revision = PluginLoaders.revision(1, "com.acme.clean", "clean");
        Thread worker = startRunnable(revision, "weir-clean-a-worker", release, true);

        LeakCheck check = monitor.removed(revision, "uninstalled", Thread.getAllStackTraces(), Set.of());
        worker.interrupt();   // what the plugin's close does
        worker = null;
        waitFor(check::isDone, 20_000, "the check ends");

        assertEquals(LeakCheck.Status.COLLECTED, check.status());
        assertNull("the loader was collected", revision.loaderReference().get());
        assertEquals(List.of("weir-clean-a-worker"), names(check));
        List<String> reasons = check.suspects().get(0).reasons();
        assertTrue(reasons.toString(), reasons.get(0).startsWith("it runs the plugin's code at com.acme.clean//"
                + PluginLoaders.PLUGIN_PACKAGE + ".Worker.run(Worker.java:"));
        assertTrue(reasons.toString(), reasons.contains("its name follows the plugin's thread naming weir-clean-<instance>-..."));
        assertEquals(List.of(check), finished);
        assertFalse(check.leaked());

        String report = LeakReport.render(monitor.checks(), Instant.now(), ZoneOffset.UTC);
        assertTrue(report, report.startsWith("Removed plugin revisions (1, newest first; 0 leaving something behind,"
                + " 0 being checked):\n  com.acme.clean 1.0.0  (bundle 1)  uninstalled "));
        assertTrue(report, report.contains("collected \u2714\n      its threads ended within "));
        assertTrue(report, report.contains(": \"weir-clean-a-worker\"\n      class loader collected "));
    }

    @Test
    public void leftoverThreadsAreNamedWithTheirEvidenceAndTheLoaderIsReportedAlive() throws Exception {
        PluginRevision revision = PluginLoaders.revision(2, "com.acme.leaky", "leaky");
        Thread runner = startRunnable(revision, "weir-leaky-a-worker", release, false);

        LeakCheck check = monitor.removed(revision, "updated", Thread.getAllStackTraces(), Set.of());
        runner.interrupt();   // ignored by this plugin
        // A thread the old revision starts after it was removed is found by its class loader.
        Thread late = startSubclass(revision, "acme-late", release);
        waitFor(check::isDone, 20_000, "the check ends");

        assertEquals(LeakCheck.Status.THREADS_AND_CLASS_LOADER_ALIVE, check.status());
        assertEquals(List.of("weir-leaky-a-worker", "acme-late"), names(check));
        ThreadSuspect lateSuspect = check.suspects().get(1);
        assertEquals(List.of("its class " + PluginLoaders.PLUGIN_PACKAGE + ".Worker$PluginThread comes from the plugin"),
                lateSuspect.reasons());
        assertTrue(lateSuspect.state(), lateSuspect.state().endsWith("WAITING"));
        assertTrue(lateSuspect.frames().toString(), lateSuspect.frames().stream()
                .anyMatch(f -> f.contains(PluginLoaders.PLUGIN_PACKAGE + ".Worker.run(")));
        assertTrue(check.holders().toString(), check.holders().contains("thread \"acme-late\" ("
                + late.getState() + "): its class " + PluginLoaders.PLUGIN_PACKAGE + ".Worker$PluginThread comes from the plugin"));

        String report = LeakReport.render(monitor.checks(), Instant.now(), ZoneOffset.UTC);
        assertTrue(report, report.contains("  com.acme.leaky 1.0.0  (bundle 2)  updated "));
        assertTrue(report, report.contains("threads and class loader alive\n      threads alive after the grace period:\n"
                + "      - thread \"weir-leaky-a-worker\" "));
        assertTrue(report, report.contains("\n          at com.acme.leaky//" + PluginLoaders.PLUGIN_PACKAGE + ".Worker.run("));
        assertTrue(report, report.contains("class loader still reachable at the unload deadline; held by:\n"
                + "      - thread \"acme-late\""));

        // The leftovers go: weir:leaks notes that they went late.
        release.countDown();
        runner = null;
        late = null;
        waitFor(() -> {
            monitor.collectGarbage();
            return monitor.checks().get(0).status() == LeakCheck.Status.COLLECTED;
        }, 20_000, "the leftovers end and the loader is collected");
        assertTrue("still reported as a leak at its deadline", check.leaked());
        report = LeakReport.render(monitor.checks(), Instant.now(), ZoneOffset.UTC);
        assertTrue(report, report.contains("threads alive after the grace period (all ended later, "));
        assertTrue(report, report.contains("class loader still reachable at the unload deadline (collected later, "));
    }

    @Test
    public void aThreadNamedAfterThePluginsConnectorTypeIsReportedEvenIfNothingElseTiesItToThePlugin() throws Exception {
        PluginRevision revision = PluginLoaders.revision(3, "com.acme.named", "named");
        Thread thread = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                // ends
            }
        }, "weir-named-x-1");
        thread.start();
        LeakCheck check = monitor.removed(revision, "uninstalled", Thread.getAllStackTraces(), Set.of());
        waitFor(check::isDone, 20_000, "the check ends");

        assertEquals("the loader went, the thread stayed", LeakCheck.Status.THREADS_ALIVE, check.status());
        assertEquals(List.of("its name follows the plugin's thread naming weir-named-<instance>-..."),
                check.suspects().get(0).reasons());
        release.countDown();
        thread.join(5_000);
        assertEquals(LeakCheck.Status.COLLECTED, monitor.checks().get(0).status());
    }

    @Test
    public void aRevisionStillInUseWaitsForTheRefresh() throws Exception {
        pending.set(true);
        PluginRevision revision = PluginLoaders.revision(4, "com.acme.shared");
        LeakCheck check = monitor.removed(revision, "uninstalled", Thread.getAllStackTraces(), Set.of());
        assertEquals(LeakCheck.Status.WAITING_FOR_REFRESH, check.status());
        assertTrue(monitor.busy());
        String report = LeakReport.render(monitor.checks(), Instant.now(), ZoneOffset.UTC);
        assertTrue(report, report.contains("(bundle 4)  uninstalled ") && report.endsWith("waiting for refresh\n"));
        assertTrue(report, report.contains("0 leaving something behind, 1 being checked"));

        pending.set(false);
        waitFor(check::isDone, 20_000, "the check ends after the refresh");
        assertEquals(LeakCheck.Status.COLLECTED, check.status());
    }

    @Test
    public void historyKeepsTheNewestRevisions() {
        monitor.settings(new LeakSettings(Duration.ZERO, Duration.ofSeconds(5), 2));
        for (int i = 0; i < 3; i++) {
            monitor.removed(PluginLoaders.revision(10 + i, "com.acme.p" + i), "uninstalled", Thread.getAllStackTraces(),
                    Set.of());
        }
        assertEquals(List.of("com.acme.p2", "com.acme.p1"), monitor.checks().stream()
                .map(c -> c.info().symbolicName()).collect(Collectors.toList()));
    }

    private static List<String> names(LeakCheck check) {
        return check.suspects().stream().map(ThreadSuspect::name).collect(Collectors.toList());
    }
}
