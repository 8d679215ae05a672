package io.weir.benchmarks.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The process handling against a fake distribution whose {@code bin/weir} starts a {@code sleep} as
 * its "server": start, clean stop, a stop that does not work (the harness must kill), and the
 * connector lookup.
 */
public class ServerRunTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path fakeDistribution(String stopCommand) throws IOException {
        Path dist = folder.newFolder("dist").toPath();
        Files.createDirectories(dist.resolve("bin"));
        Files.createDirectories(dist.resolve("lib"));
        Files.createDirectories(dist.resolve("data/cache"));
        Files.writeString(dist.resolve("lib/launcher.jar"), "not really");
        Path script = dist.resolve("bin/weir");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "case $1 in",
                "  start) mkdir -p \"$WEIR_DATA/log\"; nohup sleep 600 >/dev/null 2>&1 &",
                "         echo $! > \"$WEIR_DATA/weir.pid\"; echo started ;;",
                "  stop) " + stopCommand + " ;;",
                "esac", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dist;
    }

    @Test
    public void startsAndStopsCleanlyAndDeletesItsFolder() throws Exception {
        Path dist = fakeDistribution("kill $(cat \"$WEIR_DATA/weir.pid\")");
        Path root = folder.getRoot().toPath().resolve("run");
        ServerRun run = ServerRun.prepare(dist, root, "", false);
        assertFalse("data/ of the distribution is not copied", Files.exists(root.resolve("weir/data")));
        assertTrue(Files.isDirectory(root.resolve("weir/etc")));
        run.startAsync();
        long pid = run.awaitStarted(Duration.ofSeconds(30));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(run.stop());
        assertTrue(gone(pid));
        run.close();
        assertFalse(Files.exists(root));
    }

    @Test
    public void aServerThatIgnoresStopIsKilled() throws Exception {
        Path dist = fakeDistribution("exit 1");
        ServerRun run = ServerRun.prepare(dist, folder.getRoot().toPath().resolve("run"), "", true);
        run.startAsync();
        long pid = run.awaitStarted(Duration.ofSeconds(30));
        assertFalse(run.stop());
        assertTrue(gone(pid));
        run.close();
        assertTrue("kept", Files.exists(folder.getRoot().toPath().resolve("run/weir/bin/weir")));
    }

    @Test
    public void aFailedStartIsReportedWithItsOutput() throws Exception {
        Path dist = fakeDistribution("true");
        Files.writeString(dist.resolve("bin/weir"), "#!/bin/sh\necho 'no Java here'; exit 6\n");
        try (ServerRun run = ServerRun.prepare(dist, folder.getRoot().toPath().resolve("run"), "", false)) {
            run.startAsync();
            run.awaitStarted(Duration.ofSeconds(30));
            throw new AssertionError("the start should have failed");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("exit 6") && e.getMessage().contains("no Java here"));
        }
    }

    @Test
    public void refusesAFolderThatIsNoDistribution() {
        try {
            ServerRun.checkDistribution(folder.getRoot().toPath());
            throw new AssertionError("accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("mvn -B -DskipTests package -pl runtime/distribution"));
        }
    }

    @Test
    public void connectorsComeFromTheDistributionOrTheSourceTree() throws Exception {
        Path dist = fakeDistribution("true");
        Path repo = folder.newFolder("repo").toPath();
        bundle(dist.resolve("system/blaster.jar"), "io.weir.connector.blaster");
        bundle(repo.resolve("connectors/blackhole/target/connector-blackhole-1.0.0.jar"), "io.weir.connector.blackhole;singleton:=true");
        try (ServerRun run = ServerRun.prepare(dist, folder.getRoot().toPath().resolve("run"), "", false)) {
            run.ensureConnectors(List.of("blaster", "blackhole"), repo);
            Path deploy = folder.getRoot().toPath().resolve("run/weir/deploy");
            try (var files = Files.list(deploy)) {
                assertEquals(List.of("connector-blackhole-1.0.0.jar"), files.map(p -> p.getFileName().toString()).toList());
            }
            try {
                run.ensureConnectors(List.of("tcp"), repo);
                throw new AssertionError("there is no tcp connector");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("io.weir.connector.tcp"));
            }
        }
    }

    /** Gone, or a zombie nobody has reaped yet (its parent, the fake script, has exited). */
    private static boolean gone(long pid) {
        try {
            return ProcessHandle.of(pid).isEmpty() || "Z".equals(Proc.statFields(pid)[0]);
        } catch (IOException e) {
            return true;
        }
    }

    private static void bundle(Path jar, String symbolicName) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest is all the lookup reads
        }
    }
}
