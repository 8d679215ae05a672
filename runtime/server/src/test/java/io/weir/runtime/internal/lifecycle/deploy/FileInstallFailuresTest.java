package io.weir.runtime.internal.lifecycle.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;

/** FileInstall's failure lines become deploy problems; every other log entry is ignored. */
public class FileInstallFailuresTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final DeployProblems problems = new DeployProblems();
    private final FileInstallFailures failures = new FileInstallFailures(problems);

    @Test
    public void aFailedInstallIsKeptWithTheFrameworksReason() throws Exception {
        File jar = jar("dup-import.jar");
        long later = jar.lastModified() + 500;
        assertTrue(failures.logged(FileInstallFailures.FILEINSTALL, later, "Failed to install artifact: " + jar,
                new BundleException("Duplicate import: org.foo")));
        DeployProblem problem = problems.recorded(path(jar));
        assertEquals(DeployProblem.Kind.INSTALL_FAILED, problem.kind());
        assertEquals(later, problem.since().toEpochMilli());
        assertEquals(new JarIdentity("com.acme.x", new Version(1, 0, 0)), problem.identity());
        assertEquals("FileInstall tried to install it and the framework refused it: Duplicate import: org.foo",
                problem.reason());
        assertTrue(problem.advice(), problem.advice().endsWith("FileInstall does not try this file again until it"
                + " changes"));
    }

    @Test
    public void aFailedUpdateSaysTheBundleKeepsItsPreviousContent() throws Exception {
        File jar = jar("tcp.jar");
        assertTrue(failures.logged(FileInstallFailures.FILEINSTALL, jar.lastModified(), "Failed to update artifact "
                + jar, new BundleException("Unsupported 'Bundle-ManifestVersion' value: 3")));
        DeployProblem problem = problems.recorded(path(jar));
        assertEquals(DeployProblem.Kind.UPDATE_FAILED, problem.kind());
        assertEquals("it replaced the jar of an installed bundle, and FileInstall could not update that bundle with it:"
                + " the framework refused it: Unsupported 'Bundle-ManifestVersion' value: 3. The bundle keeps its"
                + " previous content", problem.reason());
    }

    @Test
    public void aManifestThatIsNotFirstIsExplained() {
        String reason = FileInstallFailures.refusal(new BundleException("The bundle file:/d/x.jar does not have a"
                + " META-INF/MANIFEST.MF! Make sure, META-INF and MANIFEST.MF are the first 2 entries in your JAR!"));
        assertTrue(reason, reason.startsWith("could not read its manifest: FileInstall reads jars as a stream and needs"
                + " META-INF/ and META-INF/MANIFEST.MF as the first entries of the jar"));
    }

    @Test
    public void causesAddTheirWordsOnceAndNoExceptionIsSaidPlainly() {
        Exception cause = new IllegalStateException("disk full");
        assertEquals("the framework refused it: cannot store bundle: disk full",
                FileInstallFailures.refusal(new BundleException("cannot store bundle", cause)));
        assertEquals("the framework refused it: wrapped: java.lang.IllegalStateException",
                FileInstallFailures.refusal(new RuntimeException("wrapped", new IllegalStateException())));
        assertEquals("it failed without saying why (the server log may hold more)", FileInstallFailures.refusal(null));
        assertEquals("the framework refused it: same", FileInstallFailures.refusal(
                new RuntimeException("same", new RuntimeException("same"))));
    }

    @Test
    public void otherEntriesAreIgnored() throws Exception {
        File jar = jar("a.jar");
        long time = jar.lastModified() + 1;
        String line = "Failed to install artifact: " + jar;
        assertFalse("another bundle", failures.logged("com.acme", time, line, null));
        assertFalse("no bundle", failures.logged(null, time, line, null));
        assertFalse("another message", failures.logged(FileInstallFailures.FILEINSTALL, time,
                "Started bundle: " + jar.toURI(), null));
        assertFalse("no message", failures.logged(FileInstallFailures.FILEINSTALL, time, null, null));
        assertFalse("the file changed after the attempt", failures.logged(FileInstallFailures.FILEINSTALL,
                jar.lastModified() - 1000, line, null));
        File cfg = folder.newFile("x.cfg");
        assertFalse("a configuration", failures.logged(FileInstallFailures.FILEINSTALL, cfg.lastModified() + 1,
                "Failed to install artifact: " + cfg, null));
        assertFalse("gone meanwhile", failures.logged(FileInstallFailures.FILEINSTALL, time,
                "Failed to install artifact: " + new File(folder.getRoot(), "gone.jar"), null));
        assertEquals(List.of(), problems.current());
    }

    private static Path path(File file) {
        return file.toPath().toAbsolutePath().normalize();
    }

    private File jar(String name) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-SymbolicName", "com.acme.x");
        main.putValue("Bundle-Version", "1.0.0");
        File file = folder.newFile(name);
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(file), manifest)) {
            out.flush();
        }
        return file;
    }
}
