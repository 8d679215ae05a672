package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Runs the distribution's control script ({@code bin/weir}, from runtime/distribution's sources) on a small Weir
 * home: the launcher and Felix in {@code lib/}, synthetic bundles in {@code system/}. Checks the background
 * commands an operator uses: {@code start}, {@code status}, {@code stop}, also while Weir restarts.
 */
public class ControlScriptProcessTest {
    private static final long TIMEOUT_MILLIS = 60_000;
    private static final Path SCRIPT = Path.of("../distribution/src/main/dist/bin/weir");

    private final List<Process> processes = new ArrayList<>();
    private Path root;
    private Path home;
    private Path data;
    private ServerSocketChannel socket;

    @Before
    public void setUp() throws Exception {
        // Short: the shell socket path must stay under 108 bytes.
        root = Files.createTempDirectory("weir-cs-");
        home = root.resolve("weir");
        data = root.resolve("data");
        Files.createDirectories(home.resolve("bin"));
        Files.copy(SCRIPT, home.resolve("bin/weir"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(Path.of("../distribution/src/main/dist/lib/hotspot_compiler"), home.resolve("lib/hotspot_compiler"));
        jarOfClasses(Path.of("target/classes"), home.resolve("lib/launcher.jar"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("org.apache.felix.framework")) {
                Files.copy(Path.of(entry), home.resolve("lib/org.apache.felix.framework.jar"));
            }
        }
        TestJars.bundle(home.resolve("system/a.jar"), "test.a", "1.0.0", Map.of());
        TestJars.bundleWithClasses(home.resolve("system/restart.jar"), "test.restart",
                Map.of("Bundle-Activator", RestartOnRequestActivator.class.getName(),
                        "Import-Package", "org.osgi.framework"), RestartOnRequestActivator.class);
        Files.createDirectories(home.resolve("etc"));
        Files.copy(Path.of("../../config/etc/weir.properties"), home.resolve("etc/weir.properties"));
        // No Weir bundle serves the shell here: a socket that is there, so 'start' does not wait for one.
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        socket.bind(UnixDomainSocketAddress.of(data.resolve("weir.sock")));
    }

    @After
    public void tearDown() throws IOException {
        // Only what this test started: the processes it ran, the supervisor and the JVM named in its data folder.
        for (String file : new String[] {"supervisor.pid", "weir.lock", "weir.pid"}) {
            pidIn(data.resolve(file)).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
        processes.forEach(Process::destroyForcibly);
        socket.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    private static void jarOfClasses(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream target = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                target.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(target);
                }
                target.closeEntry();
            }
        }
    }

    private static Optional<Long> pidIn(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code bin/weir <command>} as a process; its stdout and stderr together in {@code output}. */
    private final class Command {
        final Process process;
        final Path output;

        Command(String command) throws IOException {
            output = Files.createTempFile(root, command, ".txt");
            ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/weir").toString(), command)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("WEIR_DATA", data.toString());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("WEIR_STOP_TIMEOUT", "60");
            builder.environment().remove("JAVA_OPTS");
            builder.environment().remove("WEIR_JAVA_OPTS");
            process = builder.start();
            processes.add(process);
        }

        int exit() throws Exception {
            assertTrue("bin/weir did not exit: " + output(), process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(output, StandardCharsets.UTF_8);
        }
    }

    private Command weir(String command, int expectedStatus) throws Exception {
        Command run = new Command(command);
        assertEquals(run.output(), expectedStatus, run.exit());
        return run;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            assertTrue("timed out waiting until " + what, System.currentTimeMillis() < deadline);
            Thread.sleep(20);
        }
    }

    @Test
    public void startStatusAndStop() throws Exception {
        String started = weir("start", 0).output();
        long pid = pidIn(data.resolve("weir.pid")).orElseThrow();
        assertTrue(started, started.contains("Weir started (pid " + pid + ", data " + data + ")"));
        assertEquals("Weir is running (pid " + pid + ", data " + data + ")\n", weir("status", 0).output());
        assertTrue(weir("start", ExitCodes.ALREADY_RUNNING).output().contains("weir: Weir is already running (pid " + pid));
        String stopped = weir("stop", 0).output();
        assertEquals("Stopping Weir (pid " + pid + ")...\nWeir stopped\n", stopped);
        assertFalse(alive(pid));
        assertFalse(Files.exists(data.resolve("weir.pid")));
        assertFalse(Files.exists(data.resolve("supervisor.pid")));
        assertEquals("Weir is not running\n", weir("status", ExitCodes.NOT_RUNNING).output());
    }

    @Test
    public void stopWhileWeirRestartsStopsItForGood() throws Exception {
        weir("start", 0);
        long first = pidIn(data.resolve("weir.pid")).orElseThrow();
        // The next JVM holds its start until the file goes: stop comes while Weir restarts, before it is up.
        Files.createFile(data.resolve("hold-start"));
        Files.createFile(data.resolve("restart-now"));
        await("the first JVM has ended for the restart", () -> !alive(first));
        await("the next JVM holds the lock", () -> pidIn(data.resolve("weir.lock"))
                .filter(pid -> pid != first && alive(pid)).isPresent());
        long next = pidIn(data.resolve("weir.lock")).orElseThrow();
        assertFalse("not up yet", Files.exists(data.resolve("weir.pid")));
        String restarting = weir("status", ExitCodes.NOT_RUNNING).output();
        assertTrue(restarting, restarting.startsWith("Weir is not running: it is starting or restarting (supervisor pid "));

        Command stop = new Command("stop");
        await("stop has begun", () -> {
            try {
                return !stop.output().isEmpty() || !stop.process.isAlive();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Files.delete(data.resolve("hold-start"));
        assertEquals(stop.output(), 0, stop.exit());
        assertTrue(stop.output(), stop.output().endsWith("Weir stopped\n"));
        assertFalse("the restarted JVM still runs", alive(next));
        assertFalse(Files.exists(data.resolve("weir.pid")));
        assertFalse(Files.exists(data.resolve("supervisor.pid")));
        assertEquals("Weir is not running\n", weir("status", ExitCodes.NOT_RUNNING).output());
    }
}
