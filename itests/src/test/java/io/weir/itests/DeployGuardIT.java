package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.TestBundle;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * The deploy guard in front of FileInstall, in the real distribution: a second jar with the symbolic name and version
 * of an installed bundle is refused, and a cut-short jar is never installed, disturbs nothing, and goes in once it is
 * whole.
 *
 * <p>What the operator is told: the guard writes one WARN line to the server log naming both files (or the unreadable
 * file and why). No command shows it (neither {@code weir:plugins} nor {@code weir:leaks} lists files the guard held
 * back), and these tests assert on behaviour, not on log lines, so they check the bundles: which jar is installed,
 * from which file, with which content, and that nothing else changed. The wording of the message is covered by the
 * runtime's unit tests ({@code DeployGuardTest}, {@code FileInstallGuardTest}).
 *
 * <p>Proving that something did <em>not</em> happen needs a point by which it would have: a marker jar moved in after
 * the file under test. FileInstall handles every file that has been stable for a scan in that scan, so once the
 * marker is installed the earlier file has been looked at.
 */
public class DeployGuardIT extends TestSupport {

    private static final String DUPLICATED = "io.weir.itests.guard.duplicated";
    private static final String NEIGHBOUR = "io.weir.itests.guard.neighbour";
    private static final String LATE = "io.weir.itests.guard.late";
    private static final String MARKER = "io.weir.itests.guard.marker";
    /** Which file a bundle was built for: the header and the resource name the same jar. */
    private static final String JAR_HEADER = "Weir-Test-Jar";
    private static final String JAR_RESOURCE = "which-jar.txt";

    @Test
    public void aSecondJarWithTheSameNameAndVersionIsRefusedAndTheFirstBundleKeepsItsContent() throws Exception {
        Path first = deploy("duplicated-first.jar", jar(DUPLICATED, "first"));
        Bundle installed = awaitBundleState(DUPLICATED, Bundle.ACTIVE);
        long lastModified = installed.getLastModified();

        List<String> changes = watchBundles(Set.of(MARKER));
        Path second;
        try {
            second = deploy("duplicated-second.jar", jar(DUPLICATED, "second"));
            awaitLaterScan();
        } finally {
            stopWatching();
        }

        List<Bundle> duplicated = bundlesNamed(DUPLICATED);
        assertEquals("one bundle " + DUPLICATED + ": " + duplicated, 1, duplicated.size());
        Bundle kept = duplicated.get(0);
        assertEquals("the same bundle", installed.getBundleId(), kept.getBundleId());
        assertEquals("installed from the first file", first, fileOf(kept));
        assertEquals("the first file's manifest", "first", kept.getHeaders().get(JAR_HEADER));
        assertEquals("the first file's content", "first", resource(kept, JAR_RESOURCE));
        assertEquals("never updated", lastModified, kept.getLastModified());
        assertEquals(stateName(Bundle.ACTIVE), stateName(kept.getState()));
        assertEquals("no bundle was stopped, updated or uninstalled", List.of(), changes);
        assertTrue("the refused file stays where the operator put it", Files.isRegularFile(second));
        assertFalse("nothing is installed from the refused file",
                bundlesFrom(deployFolder()).stream().anyMatch(b -> second.equals(fileOf(b))));

        // As the message tells the operator: delete the other jar, then move the refused one in again.
        delete(first);
        awaitNoBundle(DUPLICATED);
        deploy("duplicated-second.jar", Files.readAllBytes(second));
        Bundle replacement = awaitValue("the second jar is installed once the first is gone", () -> bundle(DUPLICATED)
                .filter(b -> b.getState() == Bundle.ACTIVE && second.equals(fileOf(b))).orElse(null));
        assertEquals("second", replacement.getHeaders().get(JAR_HEADER));
        assertEquals("second", resource(replacement, JAR_RESOURCE));
    }

    @Test
    public void aCutShortJarIsNotInstalledDisturbsNothingAndInstallsOnceWhole() throws Exception {
        deploy("neighbour.jar", jar(NEIGHBOUR, "neighbour"));
        awaitBundleState(NEIGHBOUR, Bundle.ACTIVE);
        byte[] whole = jar(LATE, "late");

        List<String> changes = watchBundles(Set.of(MARKER, LATE));
        Path late;
        try {
            // what a copy cut off half-way leaves: the manifest is there, the zip's central directory is not
            late = deploy("late.jar", Arrays.copyOf(whole, whole.length / 2));
            awaitLaterScan();
            assertEquals("the cut-short jar is not installed", List.of(), bundlesNamed(LATE));
            assertFalse(bundlesFrom(deployFolder()).stream().anyMatch(b -> late.equals(fileOf(b))));
            // FileInstall retries it on every scan: a second marker, scans later, finds it still left alone
            awaitLaterScan();
            assertEquals(List.of(), bundlesNamed(LATE));
        } finally {
            stopWatching();
        }
        assertEquals("no other bundle was stopped, updated or uninstalled", List.of(), changes);
        assertEquals(stateName(Bundle.ACTIVE), stateName(bundle(NEIGHBOUR).orElseThrow().getState()));
        assertEquals(stateName(Bundle.ACTIVE), stateName(bundle("io.weir.runtime").orElseThrow().getState()));

        // the whole jar moved over it installs
        deploy("late.jar", whole);
        Bundle installed = awaitBundleState(LATE, Bundle.ACTIVE);
        assertEquals(late, fileOf(installed));
        assertEquals("late", resource(installed, JAR_RESOURCE));
    }

    // ---- helpers

    private BundleListener watcher;
    private int markers;

    /**
     * Records every bundle that stops, is unresolved, updated or uninstalled from now on, but those named in
     * {@code expected} (FileInstall may refresh a bundle it just installed).
     */
    private List<String> watchBundles(Set<String> expected) {
        List<String> changes = Collections.synchronizedList(new ArrayList<>());
        watcher = event -> {
            String name = event.getBundle().getSymbolicName();
            String type = changeName(event.getType());
            if (type != null && !expected.contains(name)) {
                changes.add(name + " " + type);
            }
        };
        context.addBundleListener(watcher);
        return changes;
    }

    private void stopWatching() {
        context.removeBundleListener(watcher);
    }

    private static String changeName(int type) {
        switch (type) {
            case BundleEvent.STOPPING: return "STOPPING";
            case BundleEvent.STOPPED: return "STOPPED";
            case BundleEvent.UNRESOLVED: return "UNRESOLVED";
            case BundleEvent.UPDATED: return "UPDATED";
            case BundleEvent.UNINSTALLED: return "UNINSTALLED";
            default: return null;
        }
    }

    /**
     * Moves a marker jar in after the file under test and waits until FileInstall installed it, so the scans that
     * handled the earlier file are over. Each marker has a version of its own, so the guard does not take a second
     * marker for a duplicate of the first.
     */
    private void awaitLaterScan() {
        markers++;
        Path marker = deploy("marker-" + markers + ".jar", TestBundle.named(MARKER).version("1.0." + markers).build());
        await("FileInstall has installed " + marker, () -> bundlesFrom(deployFolder()).stream()
                .anyMatch(b -> marker.equals(fileOf(b)) && b.getState() == Bundle.ACTIVE));
    }

    private static byte[] jar(String symbolicName, String which) {
        return TestBundle.named(symbolicName).version("1.0.0")
                .header(JAR_HEADER, which)
                .addResource(JAR_RESOURCE, which)
                // bulk that does not compress, so that half of the jar still holds the whole manifest
                .addResource("data/" + which + ".bin", noise(which))
                .build();
    }

    private static byte[] noise(String seed) {
        byte[] bytes = new byte[16 * 1024];
        new Random(seed.hashCode()).nextBytes(bytes);
        return bytes;
    }

    private List<Bundle> bundlesNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .collect(Collectors.toList());
    }

    private static Path fileOf(Bundle bundle) {
        String location = bundle.getLocation();
        return location.startsWith("file:") ? Paths.get(URI.create(location)).normalize() : null;
    }

    private static String resource(Bundle bundle, String path) throws IOException {
        URL url = bundle.getEntry(path);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
