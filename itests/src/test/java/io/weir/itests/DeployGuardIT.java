package io.weir.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.TestBundle;
import java.io.ByteArrayOutputStream;
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
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * The deploy guard in front of FileInstall, in the real distribution: a second jar with the symbolic name and version
 * of an installed bundle is refused, a cut-short jar is never installed, disturbs nothing, and goes in once it is
 * whole, and a jar that is no bundle, or that the framework refuses, is left out. Each of these is shown by
 * {@code weir:plugins} (a "Not installed from" section) and explained by {@code weir:diag <file>} for as long as it
 * holds, and gone once the operator fixed or removed the file.
 *
 * <p>The tests check the bundles (which jar is installed, from which file, with which content, and that nothing else
 * changed) and the shell's answers, not log lines.
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
    private static final String KEPT = "io.weir.itests.guard.kept";
    private static final String UPDATED = "io.weir.itests.guard.updated";
    private static final String OVERWRITTEN = "io.weir.itests.guard.overwritten";
    private static final String REFUSED = "io.weir.itests.guard.refused";
    private static final String UNORDERED = "io.weir.itests.guard.unordered";
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

        // the shell shows the refusal and explains it
        String row = notInstalledRow("duplicated-second.jar");
        assertTrue(row, row.contains("refused: duplicate"));
        assertTrue(row, row.endsWith(DUPLICATED + " 1.0.0"));
        String diag = execute("weir:diag duplicated-second.jar");
        assertThat(diag, containsString("File " + second + ": not installed\n  Problem:   refused: duplicate\n"));
        assertThat(diag, containsString("Why: it is " + DUPLICATED + " 1.0.0, the same symbolic name and version as "
                + first + " (bundle " + installed.getBundleId() + ")"));
        assertThat(diag, containsString("What to do: keep one of the two files. To deploy this one instead, delete the"
                + " other, then move this one into the folder again"));

        // As the message tells the operator: delete the other jar, then move the refused one in again.
        delete(first);
        awaitNoBundle(DUPLICATED);
        assertThat(execute("weir:diag duplicated-second.jar"), containsString("What to do: the file it duplicated, "
                + first + ", is gone. This file is not looked at again until it changes"));
        deploy("duplicated-second.jar", Files.readAllBytes(second));
        Bundle replacement = awaitValue("the second jar is installed once the first is gone", () -> bundle(DUPLICATED)
                .filter(b -> b.getState() == Bundle.ACTIVE && second.equals(fileOf(b))).orElse(null));
        assertEquals("second", replacement.getHeaders().get(JAR_HEADER));
        assertEquals("second", resource(replacement, JAR_RESOURCE));
        assertNotListedAsNotInstalled("duplicated-second.jar");
        assertThat(execute("weir:diag duplicated-second.jar"), containsString("Bundle " + replacement.getBundleId()
                + ": " + DUPLICATED + " 1.0.0"));
    }

    @Test
    public void aCopyCutOffOverAnInstalledJarIsListedUntilTheWholeJarIsBack() throws Exception {
        byte[] whole = jar(OVERWRITTEN, "overwritten");
        Path target = deploy("overwritten.jar", whole);
        awaitBundleState(OVERWRITTEN, Bundle.ACTIVE);

        // a plain copy over the installed jar, cut off half-way: FileInstall drops the bundle and never asks the guard
        Files.write(target, Arrays.copyOf(whole, whole.length / 2));
        awaitNoBundle(OVERWRITTEN);
        String row = notInstalledRow("overwritten.jar");
        assertTrue(row, row.contains("damaged or cut short"));
        assertThat(execute("weir:diag overwritten.jar"), containsString("; it replaced the jar of " + OVERWRITTEN
                + " 1.0.0, so FileInstall uninstalls that bundle and installs nothing from this file until it changes"
                + " again."));

        deploy("overwritten.jar", whole);
        awaitBundleState(OVERWRITTEN, Bundle.ACTIVE);
        awaitNotListedAsNotInstalled("overwritten.jar");
    }

    @Test
    public void anUpdateTheFrameworkRefusesKeepsTheBundleRunningAndIsShownUntilAGoodJarReplacesIt() {
        Path target = deploy("updated.jar", TestBundle.named(UPDATED).header(JAR_HEADER, "good").build());
        Bundle bundle = awaitBundleState(UPDATED, Bundle.ACTIVE);

        deploy("updated.jar", TestBundle.named(UPDATED).header(JAR_HEADER, "broken")
                .importPackage("org.acme.twice,org.acme.twice").build());
        String row = awaitValue("weir:plugins lists updated.jar", () -> notInstalledRowOrNull("updated.jar"));
        assertTrue(row, row.contains("update failed"));
        String diag = execute("weir:diag updated.jar");
        assertThat(diag, containsString("File " + target + ": not applied (the bundle keeps its previous content)\n"));
        assertThat(diag, containsString("the framework refused it: Duplicate import: org.acme.twice. The bundle keeps"
                + " its previous content."));
        assertThat("the report of the bundle that keeps running follows", diag, containsString("\nBundle "
                + bundle.getBundleId() + ": " + UPDATED + " 1.0.0\n"));
        Bundle kept = awaitBundleState(UPDATED, Bundle.ACTIVE);
        assertEquals(bundle.getBundleId(), kept.getBundleId());
        assertEquals("good", kept.getHeaders().get(JAR_HEADER));

        deploy("updated.jar", TestBundle.named(UPDATED).header(JAR_HEADER, "fixed").build());
        awaitValue("the fixed jar updated the bundle", () -> bundle(UPDATED)
                .filter(b -> "fixed".equals(b.getHeaders().get(JAR_HEADER)) && b.getState() == Bundle.ACTIVE)
                .orElse(null));
        awaitNotListedAsNotInstalled("updated.jar");
    }

    @Test
    public void removingTheRefusedDuplicateClearsTheRefusal() {
        deploy("kept.jar", jar(KEPT, "kept"));
        awaitBundleState(KEPT, Bundle.ACTIVE);
        Path copy = deploy("kept-copy.jar", jar(KEPT, "copy"));
        awaitLaterScan();
        assertTrue(notInstalledRow("kept-copy.jar").contains("refused: duplicate"));

        delete(copy);
        awaitNotListedAsNotInstalled("kept-copy.jar");
        assertEquals(stateName(Bundle.ACTIVE), stateName(bundle(KEPT).orElseThrow().getState()));
    }

    @Test
    public void aJarThatIsNoBundleIsShownUntilItIsRemoved() throws Exception {
        Path plain = deploy("plain-library.jar", plainLibrary());
        awaitLaterScan();
        String row = notInstalledRow("plain-library.jar");
        assertTrue(row, row.contains("not an OSGi bundle"));
        String diag = execute("weir:diag plain-library.jar");
        assertThat(diag, containsString("Why: its manifest has no Bundle-SymbolicName, so it is not an OSGi bundle"));
        assertThat(diag, containsString("What to do: only OSGi bundles belong in this folder"));

        delete(plain);
        awaitNotListedAsNotInstalled("plain-library.jar");
    }

    @Test
    public void aJarTheFrameworkRefusesIsShownWithItsReasonUntilAFixedJarReplacesIt() throws Exception {
        // The guard reads this manifest; the framework refuses it when FileInstall installs it.
        deploy("refused-by-framework.jar", TestBundle.named(REFUSED).version("1.0.0")
                .importPackage("org.acme.twice,org.acme.twice").build());
        String row = awaitValue("weir:plugins lists refused-by-framework.jar", () -> notInstalledRowOrNull(
                "refused-by-framework.jar"));
        assertTrue(row, row.contains("install failed"));
        assertTrue(row, row.endsWith(REFUSED + " 1.0.0"));
        assertEquals(List.of(), bundlesNamed(REFUSED));
        String diag = execute("weir:diag refused-by-framework.jar");
        assertThat(diag, containsString("Why: FileInstall tried to install it and the framework refused it: "));
        assertThat(diag, containsString("the framework refused it: Duplicate import: org.acme.twice"));
        assertThat(diag, containsString("What to do: fix the jar (rebuild the plugin) and move it into the folder"
                + " again"));

        // a jar whose manifest is not its first entry: FileInstall itself cannot read it
        Path unordered = deploy("manifest-last.jar", manifestLast(UNORDERED));
        String unorderedRow = awaitValue("weir:plugins lists manifest-last.jar", () -> notInstalledRowOrNull(
                "manifest-last.jar"));
        assertTrue(unorderedRow, unorderedRow.contains("install failed"));
        assertThat(execute("weir:diag manifest-last.jar"), containsString("needs META-INF/ and META-INF/MANIFEST.MF as"
                + " the first entries of the jar"));

        // fixed jars under the same names install, and the entries go
        deploy("refused-by-framework.jar", TestBundle.named(REFUSED).version("1.0.0").build());
        deploy(unordered.getFileName().toString(), TestBundle.named(UNORDERED).build());
        awaitBundleState(REFUSED, Bundle.ACTIVE);
        awaitBundleState(UNORDERED, Bundle.ACTIVE);
        awaitNotListedAsNotInstalled("refused-by-framework.jar");
        awaitNotListedAsNotInstalled("manifest-last.jar");
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
            assertTrue(notInstalledRow("late.jar").contains("damaged or cut short"));
            String diag = execute("weir:diag late.jar");
            assertThat(diag, containsString("File " + late + ": not installed\n"));
            assertThat(diag, containsString("Why: it is not a readable jar ("));
            assertThat(diag, containsString("What to do: if a copy is still running, wait"));
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
        assertNotListedAsNotInstalled("late.jar");
    }

    // ---- helpers

    /** The row of {@code weir:plugins}' "Not installed from" section for this file; fails if there is none. */
    private String notInstalledRow(String fileName) {
        String row = notInstalledRowOrNull(fileName);
        if (row == null) {
            throw new AssertionError("weir:plugins does not list " + fileName + " as not installed:\n"
                    + execute("weir:plugins"));
        }
        return row;
    }

    private String notInstalledRowOrNull(String fileName) {
        String plugins = execute("weir:plugins");
        int section = plugins.indexOf("Not installed from " + deployFolder() + " (");
        if (section < 0) {
            return null;
        }
        return plugins.substring(section).lines().skip(2).map(String::trim)
                .filter(l -> l.startsWith(fileName + " ")).findFirst().orElse(null);
    }

    private void assertNotListedAsNotInstalled(String fileName) {
        assertNull(execute("weir:plugins"), notInstalledRowOrNull(fileName));
    }

    private void awaitNotListedAsNotInstalled(String fileName) {
        await("weir:plugins no longer lists " + fileName + " as not installed",
                () -> notInstalledRowOrNull(fileName) == null);
    }

    /** A jar with a manifest that names no bundle, as plain libraries have. */
    private static byte[] plainLibrary() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Implementation-Title", "a plain library");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new ZipEntry("org/acme/lib/data.txt"));
            jar.write("data".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A bundle jar whose manifest comes after another entry: readable as a jar, not as FileInstall's stream. */
    private static byte[] manifestLast(String symbolicName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("data/first.txt"));
            zip.write("first".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-SymbolicName: " + symbolicName
                    + "\r\nBundle-Version: 1.0.0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

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
