package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/** Drives {@link SystemBundles} against a real Felix, restarting it on the same cache like the launcher does. */
public class SystemBundlesTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private Framework framework;
    private Path system;
    private Path cache;
    private Path state;

    private Map<String, Bundle> startFramework() throws Exception {
        if (system == null) {
            system = temp.newFolder("system").toPath();
            cache = temp.getRoot().toPath().resolve("cache");
            state = temp.getRoot().toPath().resolve("system.state");
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "3");
        properties.put("felix.log.level", "0");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(properties);
        framework.init();
        StartOrder order = StartOrder.from(Map.of(StartOrder.FIRST_KEY, "first", StartOrder.LAST_KEY, "last"));
        Map<String, Bundle> managed = new SystemBundles(framework.getBundleContext(), system, state, order, err)
                .syncAndMarkForStart();
        framework.start();
        return managed;
    }

    private void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        framework = null;
    }

    @After
    public void tearDown() throws Exception {
        if (framework != null) {
            stopFramework();
        }
    }

    private static Bundle byName(Map<String, Bundle> managed, String symbolicName) {
        return managed.values().stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    @Test
    public void installsStartsAndOrdersTheBundles() throws Exception {
        system = temp.newFolder("system").toPath();
        TestJars.bundle(system.resolve("first.jar"), "first", "1.0.0", Map.of());
        TestJars.bundle(system.resolve("middle.jar"), "middle", "1.0.0", Map.of());
        TestJars.bundle(system.resolve("last.jar"), "last", "1.0.0", Map.of());
        TestJars.bundle(system.resolve("fragment.jar"), "fragment", "1.0.0", Map.of(Constants.FRAGMENT_HOST, "middle"));
        cache = temp.getRoot().toPath().resolve("cache");
        state = temp.getRoot().toPath().resolve("system.state");

        Map<String, Bundle> managed = startFramework();

        assertEquals(4, managed.size());
        assertEquals(Bundle.ACTIVE, byName(managed, "first").getState());
        assertEquals(Bundle.ACTIVE, byName(managed, "middle").getState());
        assertEquals(Bundle.ACTIVE, byName(managed, "last").getState());
        assertEquals(Bundle.RESOLVED, byName(managed, "fragment").getState());
        assertEquals(1, byName(managed, "first").adapt(BundleStartLevel.class).getStartLevel());
        assertEquals(2, byName(managed, "middle").adapt(BundleStartLevel.class).getStartLevel());
        assertEquals(3, byName(managed, "last").adapt(BundleStartLevel.class).getStartLevel());
        assertEquals("weir:system/middle.jar", byName(managed, "middle").getLocation());
        assertEquals(4, Fingerprints.load(state).size());
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void restartUpdatesChangedJarsInstallsNewOnesAndDropsVanishedOnes() throws Exception {
        system = temp.newFolder("system").toPath();
        cache = temp.getRoot().toPath().resolve("cache");
        state = temp.getRoot().toPath().resolve("system.state");
        TestJars.bundle(system.resolve("keep.jar"), "keep", "1.0.0", Map.of());
        TestJars.bundle(system.resolve("change.jar"), "change", "1.0.0", Map.of());
        TestJars.bundle(system.resolve("drop.jar"), "drop", "1.0.0", Map.of());
        Map<String, Bundle> first = startFramework();
        long keepId = byName(first, "keep").getBundleId();
        long changeId = byName(first, "change").getBundleId();
        stopFramework();

        // An older jar put back counts as a change too: the fingerprint differs.
        TestJars.bundle(system.resolve("change.jar"), "change", "0.9.0", Map.of("X-Extra", "yes"));
        TestJars.touch(system.resolve("change.jar"), 1_000L);
        Files.delete(system.resolve("drop.jar"));
        TestJars.bundle(system.resolve("added.jar"), "added", "1.0.0", Map.of());
        Map<String, Bundle> second = startFramework();

        assertEquals(3, second.size());
        assertEquals(keepId, byName(second, "keep").getBundleId());
        assertEquals(changeId, byName(second, "change").getBundleId());
        assertEquals("0.9.0", byName(second, "change").getVersion().toString());
        assertNull(byName(second, "drop"));
        assertFalse(java.util.Arrays.stream(framework.getBundleContext().getBundles())
                .anyMatch(b -> "drop".equals(b.getSymbolicName())));
        assertEquals(Bundle.ACTIVE, byName(second, "added").getState());
        assertFalse(Fingerprints.load(state).containsKey("weir:system/drop.jar"));
    }

    @Test
    public void aJarThatIsNoBundleIsSkippedWithOneWarning() throws Exception {
        system = temp.newFolder("system").toPath();
        cache = temp.getRoot().toPath().resolve("cache");
        state = temp.getRoot().toPath().resolve("system.state");
        TestJars.bundle(system.resolve("good.jar"), "good", "1.0.0", Map.of());
        TestJars.plainJar(system.resolve("plain.jar"));
        // Felix installs a manifest without Bundle-SymbolicName as an R3 bundle; a broken zip is refused.
        Files.writeString(system.resolve("broken.jar"), "this is no zip");

        Map<String, Bundle> managed = startFramework();

        assertEquals(Bundle.ACTIVE, byName(managed, "good").getState());
        String warnings = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(warnings, warnings.startsWith("warning: broken.jar not installed: "));
        assertEquals(1, warnings.lines().count());
    }

    @Test(expected = LaunchException.class)
    public void anEmptySystemFolderIsNotAWeirHome() throws Exception {
        system = temp.newFolder("system").toPath();
        cache = temp.getRoot().toPath().resolve("cache");
        state = temp.getRoot().toPath().resolve("system.state");
        startFramework();
    }
}
