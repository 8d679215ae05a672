package io.weir.benchmarks.harness;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BundleVersionsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** OSGi's order: major, minor, micro numerically, then the qualifier as a string. */
    private static int compare(String a, String b) {
        String[] x = a.split("\\.", 4);
        String[] y = b.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }

    @Test
    public void eachNewerVersionIsAboveTheOriginalAndTheOnesBefore() {
        for (String original : new String[] {"1.0.0.SNAPSHOT", "1.0.0", "2.3.4.202611221200", "1.0.0.zzz"}) {
            String previous = original;
            for (int n = 1; n <= 999; n++) {
                String next = BundleVersions.newer(original, n);
                assertTrue(next + " after " + previous, compare(next, previous) > 0);
                assertTrue(next, next.matches("\\d+\\.\\d+\\.\\d+\\.[A-Za-z0-9_-]+"));
                previous = next;
            }
        }
        assertEquals("1.0.0.SNAPSHOT-swap007", BundleVersions.newer("1.0.0.SNAPSHOT", 7));
        assertEquals("1.0.0.swap012", BundleVersions.newer("1.0.0", 12));
    }

    @Test
    public void theCopyDiffersOnlyInItsBundleVersion() throws Exception {
        Path jar = tmp.getRoot().toPath().resolve("plugin.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "a.b");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0.SNAPSHOT");
        manifest.getMainAttributes().putValue("Import-Package", "io.weir.api.connector;version=\"[1.0,2)\"");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("a/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("a/B.class"));
            out.write("class bytes".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path copy = tmp.getRoot().toPath().resolve("copy.jar");
        BundleVersions.copyWithVersion(jar, copy, "1.0.0.SNAPSHOT-swap001");
        assertEquals("1.0.0.SNAPSHOT", BundleVersions.version(jar));
        assertEquals("1.0.0.SNAPSHOT-swap001", BundleVersions.version(copy));
        assertEquals("a.b", ServerRun.symbolicName(copy));
        try (JarFile in = new JarFile(copy.toFile())) {
            assertEquals("io.weir.api.connector;version=\"[1.0,2)\"",
                    in.getManifest().getMainAttributes().getValue("Import-Package"));
            assertArrayEquals("class bytes".getBytes(StandardCharsets.UTF_8),
                    in.getInputStream(in.getEntry("a/B.class")).readAllBytes());
            assertTrue(in.getEntry("a/").isDirectory());
        }
    }
}
