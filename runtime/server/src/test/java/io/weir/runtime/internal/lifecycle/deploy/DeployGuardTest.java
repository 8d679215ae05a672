package io.weir.runtime.internal.lifecycle.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Version;

/** The deploy guard on real files: damaged jars, non-bundles, duplicates among files and installed bundles. */
public class DeployGuardTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<String> told = new ArrayList<>();
    private final MovableClock clock = new MovableClock();
    private final DeployProblems problems = new DeployProblems(clock);
    private final DeployGuard guard = new DeployGuard(told::add, problems);

    @Test
    public void aHalfCopiedJarIsReportedOnceAndLetThroughToBeRetried() throws Exception {
        File whole = bundle("whole.jar", Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "1.0.0"));
        byte[] bytes = Files.readAllBytes(whole.toPath());
        File half = folder.newFile("half.jar");
        Files.write(half.toPath(), Arrays.copyOf(bytes, bytes.length / 2));

        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(half, List.of()));
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(half, List.of()));
        assertEquals("told once, not on every poll", 1, told.size());
        assertTrue(told.get(0), told.get(0).startsWith(half.toPath() + " is not installed: it is not a readable jar ("));
        assertTrue(told.get(0), told.get(0).contains("a damaged file, or one still being copied"));
        assertTrue(told.get(0), told.get(0).endsWith("copy jars beside the deploy folder and move them in, so that a"
                + " half-copied jar is never seen"));
        DeployProblem problem = only(problems.current()).problem();
        assertEquals(half.toPath(), problem.file());
        assertEquals(DeployProblem.Kind.UNREADABLE, problem.kind());
        assertEquals(null, problem.identity());
        assertTrue(problem.reason(), problem.reason().startsWith("it is not a readable jar ("));
        assertTrue(problem.advice(), problem.advice().startsWith("if a copy is still running, wait"));

        // the copy completes: nothing more to say, the jar now holds its identity and the problem is gone
        Files.write(half.toPath(), bytes);
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(half, List.of()));
        assertEquals(1, told.size());
        assertEquals(1, guard.claimed().size());
        assertEquals(List.of(), problems.current());
    }

    @Test
    public void aChangedButStillBrokenJarIsReportedAgain() throws Exception {
        File junk = folder.newFile("junk.jar");
        Files.write(junk.toPath(), new byte[] {1, 2, 3});
        guard.inspect(junk, List.of());
        Instant first = clock.instant();
        clock.advance(Duration.ofSeconds(3));
        Files.write(junk.toPath(), new byte[] {1, 2, 3, 4, 5});
        guard.inspect(junk, List.of());
        assertEquals(2, told.size());
        DeployProblem problem = only(problems.current()).problem();
        assertEquals("still the problem found first", first, problem.since());
        assertEquals(5, problem.size());
        assertTrue(problem.reason(), problem.reason().endsWith("; it has changed from 3 to 5 bytes since it was last"
                + " looked at, so a copy may still be running"));
    }

    @Test
    public void aBrokenJarThatIsRemovedIsNoLongerAProblem() throws Exception {
        File junk = folder.newFile("junk.jar");
        Files.write(junk.toPath(), new byte[] {1, 2, 3});
        guard.inspect(junk, List.of());
        assertEquals(1, problems.current().size());
        assertTrue(junk.delete());
        assertEquals(List.of(), problems.current());
    }

    @Test
    public void aJarThatIsNotABundleOrHasABadVersionSaysWhy() throws Exception {
        File plain = bundle("plain.jar", Map.of("Created-By", "hand"));
        guard.inspect(plain, List.of());
        assertEquals(plain.toPath() + " is not installed: its manifest has no Bundle-SymbolicName, so it is not an OSGi"
                + " bundle (a plain library belongs inside a plugin bundle). FileInstall tries it again on every poll"
                + " and installs it once it reads; copy jars beside the deploy folder and move them in, so that a"
                + " half-copied jar is never seen", told.get(0));
        File badVersion = bundle("bad.jar", Map.of("Bundle-SymbolicName", "com.acme.b", "Bundle-Version", "one"));
        guard.inspect(badVersion, List.of());
        assertTrue(told.get(1), told.get(1).contains("its Bundle-Version 'one' is not an OSGi version"));
        File noManifest = folder.newFile("empty.jar");
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(noManifest))) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.closeEntry();
        }
        guard.inspect(noManifest, List.of());
        assertTrue(told.get(2), told.get(2).contains("it has no META-INF/MANIFEST.MF"));

        List<DeployFinding> found = problems.current();
        assertEquals(List.of("bad.jar", "empty.jar", "plain.jar"),
                found.stream().map(DeployFinding::fileName).collect(Collectors.toList()));
        for (DeployFinding finding : found) {
            assertEquals(finding.fileName(), DeployProblem.Kind.NOT_A_BUNDLE, finding.problem().kind());
            assertTrue(finding.problem().advice(), finding.problem().advice().startsWith("only OSGi bundles belong"));
        }
        assertTrue(found.get(2).problem().reason().startsWith("its manifest has no Bundle-SymbolicName"));
    }

    @Test
    public void twoJarsWithTheSameNameAndVersionRefuseTheSecondNamingBoth() throws Exception {
        File first = bundle("tcp-1.2.0.jar", Map.of("Bundle-SymbolicName", "com.acme.tcp;singleton:=true",
                "Bundle-Version", "1.2"));
        File copy = bundle("tcp-copy.jar", Map.of("Bundle-SymbolicName", "com.acme.tcp", "Bundle-Version", "1.2.0"));
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(first, List.of()));
        assertEquals(DeployGuard.Verdict.REFUSE, guard.inspect(copy, List.of()));
        assertEquals(DeployGuard.Verdict.REFUSE, guard.inspect(copy, List.of()));
        assertEquals(List.of(copy.toPath() + " is refused: it is com.acme.tcp 1.2.0, the same symbolic name and version"
                + " as " + first.toPath() + ". FileInstall would have replaced that bundle with it. Keep one of the two"
                + " files; to deploy this one instead, delete the other, then move this one into the folder again"), told);

        DeployFinding refused = only(problems.current());
        assertEquals(DeployProblem.Kind.DUPLICATE, refused.problem().kind());
        assertEquals(copy.toPath(), refused.problem().file());
        assertEquals(new JarIdentity("com.acme.tcp", new Version(1, 2, 0)), refused.problem().identity());
        assertEquals(first.toPath(), refused.problem().otherFile());
        assertEquals("it is com.acme.tcp 1.2.0, the same symbolic name and version as " + first.toPath() + ". FileInstall"
                + " would have replaced that bundle with this file, so two files would take turns over one bundle",
                refused.problem().reason());
        assertFalse(refused.otherGone());

        // once the first is gone, the refusal says so, and the second may go in
        assertTrue(first.delete());
        assertTrue(only(problems.current()).otherGone());
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(copy, List.of()));
        assertEquals(List.of(), problems.current());
    }

    @Test
    public void removingTheRefusedDuplicateClearsTheRefusal() throws Exception {
        File first = bundle("a.jar", Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "1.0.0"));
        File copy = bundle("b.jar", Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "1.0.0"));
        guard.inspect(first, List.of());
        guard.inspect(copy, List.of());
        assertEquals("b.jar", only(problems.current()).fileName());
        assertTrue(copy.delete());
        assertEquals(List.of(), problems.current());
    }

    @Test
    public void aJarDuplicatingABundleInstalledFromElsewhereIsRefusedButItsOwnBundleIsNot() throws Exception {
        File jar = bundle("api.jar", Map.of("Bundle-SymbolicName", "io.weir.connector-api", "Bundle-Version", "1.0.0"));
        InstalledBundle system = new InstalledBundle(3, "io.weir.connector-api", new Version(1, 0, 0),
                "reference:file:/opt/weir/system/connector-api-1.0.0.jar");
        assertEquals(DeployGuard.Verdict.REFUSE, guard.inspect(jar, List.of(system)));
        assertTrue(told.get(0), told.get(0).contains("the same symbolic name and version as"
                + " /opt/weir/system/connector-api-1.0.0.jar (bundle 3)"));

        InstalledBundle itself = new InstalledBundle(7, "io.weir.connector-api", new Version(1, 0, 0),
                jar.toURI().toString());
        assertEquals("a jar is not its own duplicate", DeployGuard.Verdict.PASS, guard.inspect(jar, List.of(itself)));

        InstalledBundle mvn = new InstalledBundle(8, "io.weir.connector-api", new Version(1, 0, 0),
                "mvn:io.weir/connector-api/1.0.0");
        assertEquals(DeployGuard.Verdict.REFUSE, guard.inspect(jar, List.of(mvn)));
        assertTrue(told.get(1), told.get(1).contains("as mvn:io.weir/connector-api/1.0.0 (bundle 8)"));
        assertEquals("not a file: nothing to watch for", null, only(problems.current()).problem().otherFile());
    }

    @Test
    public void aLetThroughJarOverwrittenWithSomethingUnreadableIsFoundOnReview() throws Exception {
        File jar = bundle("tcp.jar", Map.of("Bundle-SymbolicName", "com.acme.tcp", "Bundle-Version", "1.0.0"));
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(jar, List.of()));
        guard.review();
        assertEquals("unchanged: nothing to say", List.of(), problems.current());

        // a newer jar moved over it: FileInstall updates the bundle, nothing for the guard to say
        writeBundle(jar, Map.of("Bundle-SymbolicName", "com.acme.tcp", "Bundle-Version", "1.1.0"));
        assertTrue(jar.setLastModified(jar.lastModified() + 2000));
        guard.review();
        assertEquals(List.of(), problems.current());

        // a copy over it that was cut off: FileInstall uninstalls the bundle and never asks the guard
        byte[] bytes = Files.readAllBytes(jar.toPath());
        Files.write(jar.toPath(), Arrays.copyOf(bytes, bytes.length / 2));
        File other = bundle("other.jar", Map.of("Bundle-SymbolicName", "com.acme.other", "Bundle-Version", "1.0.0"));
        assertEquals("other jars still pass", DeployGuard.Verdict.PASS, guard.inspect(other, List.of()));
        problems.reviewBy(guard::review);
        DeployProblem problem = only(problems.current()).problem();
        assertEquals(DeployProblem.Kind.UNREADABLE, problem.kind());
        assertTrue(problem.reason(), problem.reason().startsWith("it is not a readable jar ("));
        assertTrue(problem.reason(), problem.reason().endsWith("; it replaced the jar of com.acme.tcp 1.0.0, so"
                + " FileInstall uninstalls that bundle and installs nothing from this file until it changes again"));

        // the whole jar again: FileInstall hands it to the guard, which lets it through and forgets the problem
        Files.write(jar.toPath(), bytes);
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(jar, List.of()));
        assertEquals(List.of(), problems.current());
    }

    @Test
    public void aJarRenamedInsideTheFolderIsNotADuplicateOfItsOldSelf() throws Exception {
        File renamed = bundle("tcp.jar", Map.of("Bundle-SymbolicName", "com.acme.tcp", "Bundle-Version", "1.0.0"));
        InstalledBundle old = new InstalledBundle(4, "com.acme.tcp", new Version(1, 0, 0),
                new File(folder.getRoot(), "tcp-1.0.0.jar").toURI().toString());
        assertEquals("the old file is gone: FileInstall uninstalls its bundle in the same scan",
                DeployGuard.Verdict.PASS, guard.inspect(renamed, List.of(old)));
        assertEquals(List.of(), told);
    }

    @Test
    public void otherFilesAndOtherVersionsAreNoneOfItsBusiness() throws Exception {
        File cfg = folder.newFile("weir.sink.blackhole-x.cfg");
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(cfg, List.of()));
        File v1 = bundle("a-1.jar", Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "1.0.0"));
        File v2 = bundle("a-2.jar", Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "2.0.0"));
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(v1, List.of()));
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(v2, List.of()));
        assertEquals(List.of(), told);
    }

    @Test
    public void aClaimedJarRewrittenWithAnotherIdentityNoLongerBlocks() throws Exception {
        File a = bundle("a.jar", Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "1.0.0"));
        File b = bundle("b.jar", Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "1.0.0"));
        guard.inspect(a, List.of());
        assertEquals(DeployGuard.Verdict.REFUSE, guard.inspect(b, List.of()));
        writeBundle(a, Map.of("Bundle-SymbolicName", "com.acme.a", "Bundle-Version", "1.1.0"));
        assertTrue(a.setLastModified(a.lastModified() + 2000));
        assertEquals(DeployGuard.Verdict.PASS, guard.inspect(b, List.of()));
    }

    private static DeployFinding only(List<DeployFinding> findings) {
        assertEquals(findings.toString(), 1, findings.size());
        return findings.get(0);
    }

    private File bundle(String name, Map<String, String> headers) throws IOException {
        File file = folder.newFile(name);
        writeBundle(file, headers);
        return file;
    }

    private static void writeBundle(File file, Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(file), manifest)) {
            out.putNextEntry(new JarEntry("com/acme/Some.class"));
            out.write(new byte[2048]);
            out.closeEntry();
        }
    }
}
