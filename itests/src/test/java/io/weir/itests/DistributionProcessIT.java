package io.weir.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.CoreMatchers.hasItems;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.Await;
import io.weir.itests.support.SystemFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The real distribution as an operator runs it: {@code bin/weir start} in the background, {@code bin/weir shell}
 * against it, {@code bin/weir stop}. A plain JUnit test (no Pax Exam): the server is a separate process, started
 * from a copy of the distribution in a temporary folder, so a developer's own {@code target/weir} and its
 * {@code data/} are never touched. The copy lives under the system temporary folder because a Unix socket path
 * may not be longer than about 100 bytes.
 */
public class DistributionProcessIT {

    /** Generous: the JVM, Felix and every system bundle start on two shared CI cores. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(150);

    private Path copy;
    private Path home;
    private Path data;

    @Before
    public void copyTheDistribution() throws IOException {
        String distribution = System.getProperty("weir.distribution");
        Path source = Paths.get(distribution == null ? "" : distribution);
        if (!Files.isExecutable(source.resolve("bin/weir"))) {
            throw new IllegalStateException("no distribution with bin/weir at " + source.toAbsolutePath()
                    + " (build it first: mvn -B verify -pl itests -am)");
        }
        copy = Files.createTempDirectory("weir-it-");
        home = copy.resolve("weir");
        data = home.resolve("data");
        copyTree(source, home);
    }

    @After
    public void stopWhatIsLeftAndDelete() throws IOException {
        if (copy == null) {
            return;
        }
        // only the server this test started, found through its own pid file
        Optional<ProcessHandle> server = runningPid().flatMap(ProcessHandle::of);
        if (server.isPresent() && !hasEnded(server.get())) {
            server.get().destroyForcibly();
            Await.until("the server left running is killed", () -> hasEnded(server.get()), Duration.ofSeconds(30));
        }
        keepLogs();
        deleteTree(copy);
    }

    @Test
    public void startsAnswersShellCommandsAndStopsCleanly() throws Exception {
        Result start = weir("start");
        assertEquals("bin/weir start failed:\n" + start.output, 0, start.exit);

        long pid = runningPid().orElseThrow(() -> new AssertionError("no pid in " + data.resolve("weir.pid")
                + " after start; it printed:\n" + start.output));
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " is not running"));
        assertTrue("the shell socket exists while Weir runs", Files.exists(data.resolve("weir.sock")));

        // The JIT directives ship with the distribution and reach the server's JVM (docs/operations.md): the JVM
        // ignores a directives file that is missing, so only this shows a packaging slip.
        Path directives = home.resolve("lib").resolve("hotspot_compiler").toRealPath();
        List<String> arguments = Arrays.asList(
                Files.readString(Paths.get("/proc", Long.toString(pid), "cmdline")).split("\0"));
        assertThat(arguments, hasItem("-XX:CompileCommandFile=" + directives));
        assertThat("the lower inlining limits (docs/operations.md)", arguments,
                hasItems("-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000"));

        Result status = weir("status");
        assertEquals(status.output, 0, status.exit);
        assertThat(status.output, containsString(Long.toString(pid)));

        // every built-in connector in deploy/ is installed by the deploy watcher and listed as a plugin
        List<String> builtIn = jarsIn(home.resolve("deploy"));
        Result plugins = Await.value("weir:plugins lists the built-in connectors " + builtIn, () -> {
            Result listing = weir("shell", "weir:plugins");
            return listing.exit == 0 && builtIn.stream().allMatch(listing.output::contains) ? listing : null;
        }, START_TIMEOUT);
        assertThat(plugins.output, containsString("Plugins ("));

        Result unknown = weir("shell", "weir:no-such-command");
        assertNotEquals("a failing command gives a failing exit status:\n" + unknown.output, 0, unknown.exit);

        Result stop = weir("stop");
        assertEquals("bin/weir stop failed:\n" + stop.output, 0, stop.exit);
        // bin/weir stop returns once the process is gone or a zombie waiting for its new parent to reap it
        Await.until("the server process " + pid + " has ended", () -> hasEnded(server), Duration.ofSeconds(10));
        assertFalse("the shell socket is gone", Files.exists(data.resolve("weir.sock")));

        Result after = weir("status");
        assertEquals("status says 'not running' (3):\n" + after.output, 3, after.exit);
    }

    /** The Bundle-SymbolicNames of the jars in a folder (none when it has no jar). */
    private static List<String> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).collect(Collectors.toList());
            return jars.isEmpty() ? List.of() : SystemFolder.scan(folder).stream()
                    .map(SystemFolder.SystemJar::symbolicName).collect(Collectors.toList());
        }
    }

    /** Keeps the server's logs (console.log, weir.log) in target/itests-work/DistributionProcessIT/log. */
    private void keepLogs() throws IOException {
        String work = System.getProperty("weir.itests.work");
        Path logs = data.resolve("log");
        if (work == null || !Files.isDirectory(logs)) {
            return;
        }
        Path kept = Paths.get(work, getClass().getSimpleName(), "log");
        if (Files.exists(kept)) {
            deleteTree(kept);
        }
        Files.createDirectories(kept);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, kept.resolve(file.getFileName()));
            }
        }
    }

    /** True once the process is gone or is a zombie (it ended; only its exit status waits to be collected). */
    private static boolean hasEnded(ProcessHandle process) throws IOException {
        Path status = Paths.get("/proc", Long.toString(process.pid()), "status");
        if (!Files.isDirectory(Paths.get("/proc/self"))) {
            return !process.isAlive();
        }
        try {
            return Files.readAllLines(status).stream().anyMatch(line -> line.matches("State:\\s*Z.*"));
        } catch (NoSuchFileException gone) {
            return true;
        }
    }

    private Optional<Long> runningPid() {
        try {
            String text = Files.readString(data.resolve("weir.pid")).trim();
            return text.matches("\\d+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code bin/weir} with these arguments, bounded in time, with the Java running this test. */
    private Result weir(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/weir").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // a developer's own settings must not leak into the test's server
        environment.keySet().removeIf(name -> name.startsWith("WEIR_"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WEIR_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/weir " + String.join(" ", arguments) + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the distribution without its data/ (cache, logs, socket of a developer's run), keeping file modes. */
    private static void copyTree(Path source, Path target) throws IOException {
        Path skipped = source.resolve("data");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files.filter(p -> !p.startsWith(skipped))::iterator) {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** What one run of bin/weir printed (stdout and stderr together) and its exit status. */
    private static final class Result {
        final int exit;
        final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }
}
