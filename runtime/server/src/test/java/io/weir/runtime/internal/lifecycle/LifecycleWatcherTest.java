package io.weir.runtime.internal.lifecycle;

import static io.weir.runtime.internal.lifecycle.PluginLoaders.waitFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

import io.weir.runtime.internal.lifecycle.testplugin.Worker;

/**
 * The watcher in a real embedded Felix: plugin bundles built at test time start a thread in their activator;
 * uninstalling or updating them must end in a check that names a leftover thread, or finds the class loader
 * collected.
 */
public class LifecycleWatcherTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final CountDownLatch release = new CountDownLatch(1);
    private Framework framework;
    private LifecycleWatcher watcher;

    @Before
    public void start() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", folder.newFolder("cache").getAbsolutePath());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        framework.getBundleContext().registerService(CountDownLatch.class, release, null);
        framework.getBundleContext().installBundle(jar("io.weir.connector-api", Map.of("Export-Package",
                "io.weir.api.connector;version=1.0.0"), false)).start();
        watcher = new LifecycleWatcher(framework.getBundleContext(), config(300, 3000), Map.of());
    }

    @After
    public void stop() throws Exception {
        release.countDown();
        if (watcher != null) {
            watcher.deactivate();
        }
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    public void uninstallingALeakyPluginNamesItsThread() throws Exception {
        Bundle plugin = installPlugin("com.acme.leaky", "leaky", true);
        plugin.uninstall();
        refresh();

        LeakCheck check = onlyCheck();
        waitFor(check::isDone, 30_000, "the check ends");
        assertEquals(LeakCheck.Status.THREADS_AND_CLASS_LOADER_ALIVE, check.status());
        assertEquals("uninstalled", check.cause());
        ThreadSuspect suspect = check.suspects().get(0);
        assertEquals("weir-leaky-main-worker", suspect.name());
        assertTrue(suspect.reasons().toString(), suspect.reasons().get(0).startsWith("it runs the plugin's code at "
                + Worker.class.getName() + ".run("));
        assertTrue(suspect.reasons().toString(),
                suspect.reasons().contains("its name follows the plugin's thread naming weir-leaky-<instance>-..."));
        String report = LeakReport.render(watcher.monitor().checks(), Instant.now(), ZoneOffset.UTC);
        assertTrue(report, report.contains("com.acme.leaky 1.0.0  (bundle " + plugin.getBundleId() + ")  uninstalled"));
        assertTrue(report, report.contains("- thread \"weir-leaky-main-worker\" "));
    }

    @Test
    public void aCleanPluginsClassLoaderIsCollectedAfterRemoval() throws Exception {
        Bundle plugin = installPlugin("com.acme.clean", "clean", false);
        plugin.uninstall();
        refresh();

        LeakCheck check = onlyCheck();
        waitFor(check::isDone, 30_000, "the check ends");
        assertEquals(String.join("\n", LeakReport.evidence(check)), LeakCheck.Status.COLLECTED, check.status());
        assertTrue("its thread ended (on stop, or within the grace)", check.suspects().stream()
                .noneMatch(ThreadSuspect::isAlive));
        assertTrue(check.collectedAfterNanos() >= 0);
    }

    @Test
    public void anUpdatedPluginsOldRevisionIsCheckedWhileTheNewOneRuns() throws Exception {
        Bundle plugin = installPlugin("com.acme.swapped", "swapped", false);
        ClassLoader oldLoader = loaderOf(plugin);
        int oldLoaderId = System.identityHashCode(oldLoader);
        oldLoader = null;
        plugin.update(Files.newInputStream(Path.of(plugin.getLocation().substring("file:".length()))));
        refresh();
        plugin.start();
        assertNotEquals("a new class loader", oldLoaderId, System.identityHashCode(loaderOf(plugin)));

        LeakCheck check = onlyCheck();
        waitFor(check::isDone, 30_000, "the check ends");
        assertEquals(String.join("\n", LeakReport.evidence(check)), LeakCheck.Status.COLLECTED, check.status());
        assertEquals("updated", check.cause());
        assertTrue("the new revision's thread runs", Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("weir-swapped-main-worker")));
    }

    private LeakCheck onlyCheck() {
        List<LeakCheck> checks = watcher.monitor().checks();
        assertEquals(1, checks.size());
        return checks.get(0);
    }

    private static ClassLoader loaderOf(Bundle bundle) throws ClassNotFoundException {
        return bundle.loadClass(Worker.class.getName()).getClassLoader();
    }

    private Bundle installPlugin(String name, String type, boolean leaky) throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Import-Package", "io.weir.api.connector;version=\"[1.0,2)\",org.osgi.framework");
        headers.put("Bundle-Activator", Worker.class.getPackageName() + ".Activator");
        headers.put("Weir-Test-Type", type);
        headers.put("Weir-Test-Leaky", String.valueOf(leaky));
        Bundle bundle = framework.getBundleContext().installBundle(jar(name, headers, true));
        bundle.start();
        return bundle;
    }

    private void refresh() throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refreshed", refreshed.await(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** A bundle jar; with the test plugin's classes when asked. Returns its file: location. */
    private String jar(String name, Map<String, String> headers, boolean withClasses) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", "1.0.0");
        headers.forEach(main::putValue);
        File file = folder.newFile(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(file), manifest)) {
            if (withClasses) {
                Path classes = Path.of(Worker.class.getProtectionDomain().getCodeSource().getLocation().getPath());
                String dir = Worker.class.getPackageName().replace('.', '/');
                try (Stream<Path> files = Files.list(classes.resolve(dir))) {
                    for (Path path : files.collect(Collectors.toList())) {
                        out.putNextEntry(new JarEntry(dir + "/" + path.getFileName()));
                        out.write(Files.readAllBytes(path));
                        out.closeEntry();
                    }
                }
            }
        }
        return file.toURI().toString();
    }

    static LifecycleConfig config(long graceMillis, long deadlineMillis) {
        return new LifecycleConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LifecycleConfig.class;
            }

            @Override
            public long thread__grace__ms() {
                return graceMillis;
            }

            @Override
            public long unload__deadline__ms() {
                return deadlineMillis;
            }

            @Override
            public int history() {
                return 100;
            }
        };
    }
}
