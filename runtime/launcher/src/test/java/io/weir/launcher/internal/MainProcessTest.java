package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Runs {@code io.weir.launcher.Main} as a separate process on a small Weir home (synthetic bundles, the shipped
 * weir.properties) and checks what an operator sees: the start, SIGTERM, the refusals, the cache recovery.
 */
public class MainProcessTest {
    private static final long TIMEOUT_MILLIS = 30_000;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<Process> processes = new ArrayList<>();
    private Path home;
    private Path data;
    private int runs;

    @Before
    public void setUp() throws Exception {
        home = temp.newFolder("weir").toPath();
        data = home.resolve("data");
        TestJars.bundle(home.resolve("system/a.jar"), "test.a", "1.0.0", Map.of());
        TestJars.bundle(home.resolve("system/b.jar"), "test.b", "1.0.0", Map.of());
        Files.createDirectories(home.resolve("etc"));
        Files.copy(Path.of("../../config/etc/weir.properties"), home.resolve("etc/weir.properties"));
    }

    @After
    public void tearDown() {
        processes.forEach(Process::destroyForcibly);
    }

    /** A running launcher with its output files. */
    private final class Run {
        final Process process;
        final Path out;
        final Path err;

        Run(String... extraArgs) throws IOException {
            runs++;
            out = temp.getRoot().toPath().resolve("out" + runs + ".txt");
            err = temp.getRoot().toPath().resolve("err" + runs + ".txt");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.weir.launcher.Main",
                    "--home", home.toString(), "--no-console"));
            command.addAll(List.of(extraArgs));
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            processes.add(process);
        }

        int exit() throws InterruptedException {
            assertTrue("the launcher did not exit", process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Polls until the launcher wrote its pid file, i.e. Weir is up (bounded by the timeout). */
        void awaitStarted() throws Exception {
            Path pidFile = data.resolve("weir.pid");
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            while (!(Files.exists(pidFile) && Files.readString(pidFile).strip().equals(Long.toString(process.pid())))) {
                assertTrue("the launcher died: " + stderr(), process.isAlive());
                assertTrue("Weir did not come up: " + stdout() + stderr(), System.currentTimeMillis() < deadline);
                Thread.sleep(25);
            }
        }
    }

    @Test
    public void startsReportsAndStopsCleanlyOnSigterm() throws Exception {
        Run run = new Run();
        run.awaitStarted();
        assertTrue(run.stdout(), run.stdout().contains("started in"));
        assertTrue(run.stdout(), run.stdout().contains(": 2 system bundles (home " + home));
        assertTrue(Files.isDirectory(data.resolve("cache")));
        assertTrue(Files.isDirectory(data.resolve("log")));

        run.process.destroy();
        assertEquals(0, run.exit());
        assertTrue(run.stdout(), run.stdout().contains("Stopping Weir (SIGTERM)..."));
        assertTrue(run.stdout(), run.stdout().endsWith("Weir stopped.\n"));
        assertFalse(Files.exists(data.resolve("weir.pid")));
        assertEquals("", run.stderr());
    }

    @Test
    public void aSecondInstanceOnTheSameDataIsRefusedInOneLine() throws Exception {
        Run first = new Run();
        first.awaitStarted();
        Run second = new Run();
        assertEquals(ExitCodes.ALREADY_RUNNING, second.exit());
        assertEquals("weir: another Weir is already running on data folder " + data + " (pid " + first.process.pid() + ")\n",
                second.stderr());
        assertTrue(first.process.isAlive());
        first.process.destroy();
        assertEquals(0, first.exit());
    }

    @Test
    public void aCacheItCannotUseIsClearedWithOneLine() throws Exception {
        Files.createDirectories(data);
        Files.writeString(data.resolve("cache"), "not a folder");
        Run run = new Run();
        run.awaitStarted();
        assertTrue(run.stderr(), run.stderr().contains("weir: framework cache " + data.resolve("cache")
                + " could not be used ("));
        assertTrue(run.stderr(), run.stderr().contains("); cleared it and starting from an empty cache\n"));
        assertTrue(Files.isDirectory(data.resolve("cache")));
        run.process.destroy();
        assertEquals(0, run.exit());
    }

    @Test
    public void anUnwritableDataFolderIsRefusedInOneLine() throws Exception {
        Path file = temp.newFile("a-file").toPath();
        Run run = new Run("--data", file.resolve("data").toString());
        assertEquals(ExitCodes.DATA_NOT_WRITABLE, run.exit());
        assertTrue(run.stderr(), run.stderr().startsWith("weir: data folder " + file.resolve("data") + " is not writable: "));
        assertEquals(1, run.stderr().lines().count());
    }

    @Test
    public void aBadPropertyIsRefusedInOneLine() throws Exception {
        Files.writeString(home.resolve("etc/weir.properties"), "felix.fileinstall.dir = ${weir.hom}/etc\n");
        Run run = new Run();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("weir: " + home.resolve("etc/weir.properties")
                + ": 'felix.fileinstall.dir' refers to ${weir.hom}, which is not defined\n", run.stderr());
    }

    @Test
    public void anUpdateOfTheSystemBundleEndsTheProcessForARestart() throws Exception {
        TestJars.bundleWithClasses(home.resolve("system/restart.jar"), "test.restart",
                Map.of("Bundle-Activator", RestartingActivator.class.getName(),
                        "Import-Package", "org.osgi.framework"), RestartingActivator.class);
        Run run = new Run();
        assertEquals(ExitCodes.RESTART, run.exit());
        assertTrue(run.stdout(), run.stdout().contains("Weir stopped for a restart"));
        assertFalse(Files.exists(data.resolve("weir.pid")));
    }

    /** A launcher with a bundle that never finishes stopping, cut off after {@code timeoutSeconds}. */
    private Run hangingOnStop(int timeoutSeconds) throws Exception {
        TestJars.bundleWithClasses(home.resolve("system/hang.jar"), "test.hang",
                Map.of("Bundle-Activator", HangingActivator.class.getName(),
                        "Import-Package", "org.osgi.framework"), HangingActivator.class);
        Files.writeString(home.resolve("etc/weir.properties"), "weir.shutdown.timeout = " + timeoutSeconds + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run run = new Run();
        run.awaitStarted();
        return run;
    }

    private static void awaitStopping(Run run) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!run.stdout().contains("Stopping Weir (SIGTERM)...")) {
            assertTrue("no stop began: " + run.stdout() + run.stderr(), System.currentTimeMillis() < deadline);
            Thread.sleep(10);
        }
    }

    @Test
    public void aCopyOfTheStopSignalDoesNotCutTheStopShort() throws Exception {
        Run run = hangingOnStop(2);
        run.process.destroy();
        awaitStopping(run);
        // What systemctl stop does to bin/weir run: the JVM gets SIGTERM, then the script's copy of it.
        run.process.destroy();
        assertEquals(ExitCodes.FAILED, run.exit());
        assertFalse(run.stderr(), run.stderr().contains("second SIGTERM"));
        assertTrue(run.stderr(), run.stderr().contains("weir: did not stop within 2 s"));
    }

    @Test
    public void aSecondSignalAfterASecondEndsTheStopAtOnce() throws Exception {
        Run run = hangingOnStop(60);
        run.process.destroy();
        awaitStopping(run);
        long stopping = System.nanoTime();
        while (System.nanoTime() - stopping < StopSignals.SAME_REQUEST_NANOS + 100_000_000L) {
            assertTrue("still stopping, as the bundle hangs", run.process.isAlive());
            Thread.sleep(20);
        }
        run.process.destroy();
        assertEquals(ExitCodes.FAILED, run.exit());
        assertTrue(run.stderr(), run.stderr().contains(
                "weir: second SIGTERM while stopping: exiting now, without a clean stop"));
    }

    @Test
    public void aStopThatHangsIsCutOffAfterTheTimeout() throws Exception {
        Run run = hangingOnStop(2);
        long stopAsked = System.nanoTime();
        run.process.destroy();
        assertEquals(ExitCodes.FAILED, run.exit());
        long tookMillis = (System.nanoTime() - stopAsked) / 1_000_000;
        assertTrue("cut off after " + tookMillis + " ms", tookMillis >= 2_000 && tookMillis < 20_000);
        assertTrue(run.stderr(), run.stderr().contains(
                "weir: did not stop within 2 s (weir.shutdown.timeout): exiting without a clean stop"));
    }
}
