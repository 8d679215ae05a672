package io.weir.runtime.internal.lifecycle.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.apache.felix.fileinstall.ArtifactUrlTransformer;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

import io.weir.runtime.internal.testing.Wait;

/**
 * The guard in front of the real Felix FileInstall 3.7.4 watching a folder, in an embedded Felix. FileInstall's API
 * package is boot-delegated so that the guard (loaded by the test's class loader) is the same type FileInstall
 * expects.
 */
public class FileInstallGuardTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final DeployProblems problems = new DeployProblems();
    private DeployGuard guard;
    private Framework framework;
    private File deploy;
    private File staging;

    @Before
    public void start() throws Exception {
        deploy = folder.newFolder("deploy");
        staging = folder.newFolder("staging");
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", folder.newFolder("cache").getAbsolutePath());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.bootdelegation", "org.apache.felix.fileinstall");
        config.put("org.osgi.framework.bundle.parent", "app");
        config.put("felix.fileinstall.dir", deploy.getAbsolutePath());
        config.put("felix.fileinstall.tmpdir", folder.newFolder("fileinstall-tmp").getAbsolutePath());
        config.put("felix.fileinstall.poll", "50");
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.log.level", "1");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        guard = new DeployGuard(told::add, problems);
        FileInstallGuard.register(framework.getBundleContext(), guard);
        String fileInstall = ArtifactUrlTransformer.class.getProtectionDomain().getCodeSource().getLocation().toString();
        framework.getBundleContext().installBundle(fileInstall).start();
    }

    @After
    public void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    public void aSecondJarWithTheSameNameAndVersionIsRefusedAndTheFirstBundleKeepsItsContent() throws Exception {
        moveIn(bundle("dup-a.jar", "com.acme.dup", "a"));
        waitFor(() -> installed("com.acme.dup").size() == 1, "the first jar is installed");

        moveIn(bundle("dup-b.jar", "com.acme.dup", "b"));
        waitFor(() -> told.stream().anyMatch(m -> m.contains("dup-b.jar is refused")), "the second jar is refused");
        // A later jar goes through FileInstall's next scans, so any update the second jar caused has happened.
        moveIn(bundle("other.jar", "com.acme.other", "o"));
        waitFor(() -> installed("com.acme.other").size() == 1, "a later jar is installed");

        List<Bundle> dup = installed("com.acme.dup");
        assertEquals(1, dup.size());
        assertEquals("the first jar's content stays", "a", dup.get(0).getHeaders().get("Weir-Test-File"));
        assertTrue(dup.get(0).getLocation(), dup.get(0).getLocation().endsWith("/deploy/dup-a.jar"));
        String message = told.get(0);
        assertTrue(message, message.startsWith(new File(deploy, "dup-b.jar").toPath() + " is refused: it is com.acme.dup"
                + " 1.0.0, the same symbolic name and version as " + new File(deploy, "dup-a.jar").toPath() + " (bundle "
                + dup.get(0).getBundleId() + ")"));
        assertEquals(1, told.size());
        List<DeployFinding> found = problems.current();
        assertEquals(1, found.size());
        assertEquals("dup-b.jar", found.get(0).fileName());
        assertEquals(DeployProblem.Kind.DUPLICATE, found.get(0).problem().kind());
    }

    @Test
    public void renamingAJarInsideTheFolderReinstallsItWithoutComplaint() throws Exception {
        moveIn(bundle("tcp-1.0.0.jar", "com.acme.tcp", "t"));
        waitFor(() -> installed("com.acme.tcp").size() == 1, "the jar is installed");
        Files.move(new File(deploy, "tcp-1.0.0.jar").toPath(), new File(deploy, "tcp.jar").toPath(),
                StandardCopyOption.ATOMIC_MOVE);
        waitFor(() -> installed("com.acme.tcp").stream().anyMatch(b -> b.getLocation().endsWith("/deploy/tcp.jar")),
                "the renamed jar is installed");
        assertEquals(1, installed("com.acme.tcp").size());
        assertEquals(List.of(), told);
    }

    @Test
    public void aHalfCopiedJarIsNotInstalledIsReportedOnceAndGoesInOnceComplete() throws Exception {
        File whole = bundle("late.jar", "com.acme.late", "l");
        byte[] bytes = Files.readAllBytes(whole.toPath());
        File half = new File(deploy, "late.jar");
        Files.write(half.toPath(), Arrays.copyOf(bytes, bytes.length / 2));
        waitFor(() -> told.stream().anyMatch(m -> m.contains("late.jar is not installed")), "the half jar is reported");

        // FileInstall retries the broken file on each later scan; another jar proves scans went on.
        moveIn(bundle("next.jar", "com.acme.next", "n"));
        waitFor(() -> installed("com.acme.next").size() == 1, "a later jar is installed");
        assertEquals("one message, not one per poll", 1, told.size());
        assertEquals(List.of(), installed("com.acme.late"));
        assertEquals(DeployProblem.Kind.UNREADABLE, problems.recorded(half.toPath().toAbsolutePath().normalize()).kind());

        Files.write(half.toPath(), bytes);
        waitFor(() -> installed("com.acme.late").size() == 1, "the completed jar is installed");
        assertEquals(1, told.size());
        assertEquals(List.of(), problems.current());
    }

    @Test
    public void aJarCutOffWhileCopiedOverAnInstalledOneIsListedOnceFileInstallDroppedTheBundle() throws Exception {
        problems.reviewBy(guard::review);
        moveIn(bundle("tcp.jar", "com.acme.tcp", "t"));
        waitFor(() -> installed("com.acme.tcp").size() == 1, "the jar is installed");
        byte[] bytes = Files.readAllBytes(new File(deploy, "tcp.jar").toPath());

        // written in place, as a plain copy does, and cut off half-way
        Files.write(new File(deploy, "tcp.jar").toPath(), Arrays.copyOf(bytes, bytes.length / 2));
        waitFor(() -> installed("com.acme.tcp").isEmpty(), "FileInstall uninstalled the bundle of the unreadable jar");
        List<DeployFinding> found = problems.current();
        assertEquals(1, found.size());
        assertEquals(DeployProblem.Kind.UNREADABLE, found.get(0).problem().kind());
        assertTrue(found.get(0).problem().reason(), found.get(0).problem().reason().contains("it replaced the jar of"
                + " com.acme.tcp 1.0.0"));

        Files.write(new File(deploy, "tcp.jar").toPath(), bytes);
        waitFor(() -> installed("com.acme.tcp").size() == 1, "the whole jar is installed again");
        assertEquals(List.of(), problems.current());
    }

    private List<Bundle> installed(String name) {
        return Arrays.stream(framework.getBundleContext().getBundles())
                .filter(b -> name.equals(b.getSymbolicName())).collect(Collectors.toList());
    }

    private void moveIn(File jar) throws IOException {
        Files.move(jar.toPath(), new File(deploy, jar.getName()).toPath(), StandardCopyOption.ATOMIC_MOVE);
    }

    private File bundle(String fileName, String name, String marker) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Weir-Test-File", marker);
        File file = new File(staging, fileName);
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(file), manifest)) {
            out.putNextEntry(new JarEntry("data/" + marker + ".bin"));
            out.write(new byte[4096]);
            out.closeEntry();
        }
        return file;
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        Wait.until(20_000, () -> what, condition);
    }
}
