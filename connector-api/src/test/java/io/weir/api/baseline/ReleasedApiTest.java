package io.weir.api.baseline;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.Attributes;

import org.junit.Test;

import aQute.bnd.header.OSGiHeader;
import aQute.bnd.osgi.Jar;

/**
 * Checks the released API kept in the repository: that it is what the baseline needs, that Maven can
 * resolve it, that the copy Maven cached is not stale, and that the current API passes the
 * consumer-type rule bnd's baseline misses (see {@link ConsumerTypeGuard}).
 */
public class ReleasedApiTest {
    private static final List<String> PACKAGES = List.of("io.weir.api.codec", "io.weir.api.connector",
            "io.weir.api.event", "io.weir.api.operator", "io.weir.api.processor");

    @Test
    public void releasedJarIsTheReleaseBundleOfEveryApiPackage() throws Exception {
        try (Jar jar = new Jar(BuildSettings.releasedJar())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("io.weir.connector-api", main.getValue("Bundle-SymbolicName"));
            assertEquals(BuildSettings.baselineVersion(), main.getValue("Bundle-Version"));
            assertEquals(PACKAGES, List.copyOf(new TreeSet<>(OSGiHeader.parseHeader(main.getValue("Export-Package")).keySet())));
        }
    }

    @Test
    public void releasedPomStandsAlone() throws Exception {
        String version = BuildSettings.baselineVersion();
        File pom = new File(BuildSettings.releasedJar().getParentFile(), "connector-api-" + version + ".pom");
        String text = Files.readString(pom.toPath(), StandardCharsets.UTF_8);

        assertFalse("a released pom must not need the reactor's parent", text.contains("<parent>"));
        assertTrue(text, text.contains("<groupId>io.weir</groupId>") && text.contains("<artifactId>connector-api</artifactId>")
                && text.contains("<version>" + version + "</version>"));
    }

    @Test
    public void checksumsMatchTheFiles() throws Exception {
        // The repository is declared with checksumPolicy=fail: a stale .sha1 breaks every build.
        File jar = BuildSettings.releasedJar();
        File pom = new File(jar.getPath().replaceFirst("\\.jar$", ".pom"));
        for (File file : List.of(jar, pom)) {
            String expected = Files.readString(new File(file.getPath() + ".sha1").toPath(), StandardCharsets.US_ASCII).trim();
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file.toPath())));
            assertEquals(file + ".sha1 is stale: run connector-api/released/regenerate.sh", actual, expected);
        }
    }

    @Test
    public void localRepositoryHoldsNoStaleCopyOfTheRelease() throws Exception {
        // Maven never downloads a release twice: once a regenerated jar lands in released/, the copy
        // cached in the local repository would silently stay the baseline.
        File repository = BuildSettings.localRepository();
        String version = BuildSettings.baselineVersion();
        File cached = repository == null ? null
                : new File(repository, "io/weir/connector-api/" + version + "/connector-api-" + version + ".jar");
        if (cached == null || !cached.isFile()) {
            return; // nothing cached yet: the build resolves the released jar afresh
        }
        assertArrayEquals("stale " + cached + ": delete its folder (connector-api/released/regenerate.sh does)",
                Files.readAllBytes(BuildSettings.releasedJar().toPath()), Files.readAllBytes(cached.toPath()));
    }

    @Test
    public void currentApiAddsNoAbstractMethodToAConsumerTypeWithoutMajorBump() throws Exception {
        File classes = BuildSettings.classes();
        assertTrue("bnd-maven-plugin must have written " + classes + "/META-INF/MANIFEST.MF",
                new File(classes, "META-INF/MANIFEST.MF").isFile());
        try (Jar current = new Jar(classes); Jar released = new Jar(BuildSettings.releasedJar())) {
            assertEquals(List.of(), ConsumerTypeGuard.violations(current, released));
        }
    }
}
