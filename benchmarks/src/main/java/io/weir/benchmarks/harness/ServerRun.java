package io.weir.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * One run's server: a fresh copy of a distribution in a work folder, its own data folder, started
 * and stopped through its {@code bin/weir}. Closing it always ends the server process (through
 * {@code bin/weir stop}, and by force if that does not work) and deletes the copy unless asked to keep it.
 */
final class ServerRun implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Path home;
    private final Path data;
    private final String javaOpts;
    private final boolean keep;
    private Process starter;
    private long pid = -1;
    private long pidStartTicks = -1;
    /** Null until stopped, then whether the stop was clean. */
    private Boolean stopped;

    private ServerRun(Path root, String javaOpts, boolean keep) {
        this.root = root;
        this.home = root.resolve("weir");
        this.data = root.resolve("data");
        this.javaOpts = javaOpts;
        this.keep = keep;
    }

    /**
     * Copies the distribution (without a {@code data/} folder someone may have left in it).
     *
     * @param distribution the distribution folder ({@code runtime/distribution/target/weir})
     * @param root         an empty or absent folder for this run
     * @param javaOpts     extra JVM options for the server ({@code WEIR_JAVA_OPTS}), may be empty
     * @param keep         whether {@link #close()} leaves the folder for inspection
     * @return the prepared run
     * @throws IOException when the copy fails
     */
    static ServerRun prepare(Path distribution, Path root, String javaOpts, boolean keep) throws IOException {
        checkDistribution(distribution);
        ServerRun run = new ServerRun(root, javaOpts, keep);
        copyTree(distribution, run.home);
        // Owner-only, as the launcher wants its data folder.
        Files.createDirectories(run.data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(run.etc());
        Files.createDirectories(run.home.resolve("deploy"));
        run.removeShippedFlows();
        return run;
    }

    /**
     * @param distribution a folder given as a distribution
     * @throws IllegalArgumentException when it does not look like one, saying how to build it
     */
    static void checkDistribution(Path distribution) {
        if (!Files.isRegularFile(distribution.resolve("bin/weir")) || !Files.isDirectory(distribution.resolve("lib"))) {
            throw new IllegalArgumentException(distribution + " is not a Weir distribution (no bin/weir or lib/); "
                    + "build one with: mvn -B -DskipTests package -pl runtime/distribution -am");
        }
    }

    /**
     * Removes the flows, pipelines and connector instances the distribution ships in {@code etc/}
     * (the hello flow), so that only the scenario's own flows run. Server settings stay.
     */
    private void removeShippedFlows() throws IOException {
        try (Stream<Path> files = Files.list(etc())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".cfg") && (name.startsWith("weir.flow-") || name.startsWith("weir.pipeline-")
                        || name.startsWith("weir.source.") || name.startsWith("weir.sink."))) {
                    Files.delete(file);
                }
            }
        }
    }

    /** @return the folder FileInstall watches for configurations */
    Path etc() {
        return home.resolve("etc");
    }

    /** @return the folder FileInstall watches for plugin jars */
    Path deploy() {
        return home.resolve("deploy");
    }

    /** @return the server's log file ({@code etc/org.ops4j.pax.logging.cfg} of the distribution) */
    Path log() {
        return data.resolve("log/weir.log");
    }

    /** @return the folder of this run, for output files */
    Path root() {
        return root;
    }

    /** @return the server's console output ({@code bin/weir start} sends standard output there) */
    Path consoleLog() {
        return data.resolve("log/console.log");
    }

    /**
     * Makes sure the connector bundles are there: in the distribution's {@code system/} or
     * {@code deploy/}, else copied into {@code deploy/} from {@code connectors/<name>/target} of the
     * source tree.
     *
     * @param names connector names ({@code blaster}, {@code tcp}...)
     * @param repo  the source tree, or null
     * @throws IllegalStateException when one cannot be found
     */
    void ensureConnectors(List<String> names, Path repo) throws IOException {
        for (String name : names) {
            String symbolicName = "io.weir.connector." + name;
            if (findBundle(home.resolve("system"), symbolicName) != null
                    || findBundle(home.resolve("deploy"), symbolicName) != null) {
                continue;
            }
            Path built = repo == null ? null : findBundle(repo.resolve("connectors/" + name + "/target"), symbolicName);
            if (built == null) {
                throw new IllegalStateException("the distribution has no " + symbolicName + " bundle and "
                        + (repo == null ? "no source tree was given" : "connectors/" + name + "/target has none")
                        + "; build it: mvn -B -DskipTests package -pl connectors/" + name + " -am");
            }
            Files.copy(built, home.resolve("deploy").resolve(built.getFileName()));
        }
    }

    private static Path findBundle(Path folder, String symbolicName) throws IOException {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> jars = Files.list(folder)) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
                if (symbolicName.equals(symbolicName(jar))) {
                    return jar;
                }
            }
        }
        return null;
    }

    /** @return the jar's Bundle-SymbolicName without directives, or null when it is none or unreadable */
    static String symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? null : name.split(";")[0].trim();
        } catch (IOException e) {
            // not a jar we can read: not a bundle
            return null;
        }
    }

    /**
     * Runs {@code bin/weir start} in the background: it returns once the server is up.
     *
     * @throws IOException when it cannot be run
     */
    void startAsync() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/weir").toString(), "start");
        Map<String, String> env = builder.environment();
        env.put("WEIR_DATA", data.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("WEIR_JAVA_OPTS", javaOpts);
        builder.redirectErrorStream(true).redirectOutput(root.resolve("start.out").toFile());
        starter = builder.start();
    }

    /**
     * Waits for {@code bin/weir start} to report the server up, and reads its pid.
     *
     * @param timeout the longest wait
     * @return the server's pid
     * @throws IOException when it did not start, with the end of its logs
     */
    long awaitStarted(Duration timeout) throws IOException, InterruptedException {
        if (!starter.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // The JVM writes its pid file only once it is up: find it among the script's children.
            if (!readPid()) {
                findServerAmongChildren();
            }
            starter.destroy();
            throw new IOException("the server was not up after " + timeout.toSeconds() + " s" + diagnostics());
        }
        if (starter.exitValue() != 0) {
            throw new IOException("bin/weir start failed (exit " + starter.exitValue() + "): "
                    + Files.readString(root.resolve("start.out")).trim() + diagnostics());
        }
        if (!readPid()) {
            throw new IOException("bin/weir start succeeded but left no pid in " + data.resolve("weir.pid"));
        }
        return pid;
    }

    private boolean readPid() {
        try {
            return remember(Long.parseLong(Files.readString(data.resolve("weir.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private boolean consoleSays(String text) {
        try {
            return Files.exists(consoleLog()) && Files.readString(consoleLog(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Keeps the pid with its start time, so that a later kill never hits a process that reused the pid. */
    private boolean remember(long candidate) {
        try {
            pidStartTicks = Proc.startTicks(candidate);
            pid = candidate;
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void findServerAmongChildren() {
        starter.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                .ifPresent(p -> remember(p.pid()));
    }

    /** Whether our server process still runs: same pid and start time, and not a zombie. */
    private boolean stillRunning() {
        try {
            return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && Proc.startTicks(pid) == pidStartTicks && !"Z".equals(Proc.statFields(pid)[0]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs one shell command in the server through {@code bin/weir shell}.
     *
     * @param command the command, for example {@code weir:flows}
     * @param timeout how long it may take
     * @return its output
     * @throws IOException when it fails or takes too long, with its output
     */
    String shell(String command, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/weir").toString(), "shell", command);
        builder.environment().put("WEIR_DATA", data.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path output = root.resolve("shell.out");
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        Process shell = builder.start();
        if (!shell.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            shell.destroyForcibly();
            throw new IOException("bin/weir shell '" + command + "' took longer than " + timeout.toSeconds() + " s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (shell.exitValue() != 0) {
            throw new IOException("bin/weir shell '" + command + "' failed (exit " + shell.exitValue() + "): " + text.trim());
        }
        return text;
    }

    /** @return whether {@code bin/weir start} has already ended with a failure */
    boolean startFailed() {
        return starter != null && !starter.isAlive() && starter.exitValue() != 0;
    }

    /** @return the server's pid, -1 before it is known */
    long pid() {
        return pid;
    }

    /** @return the end of the console log and of the other logs, to explain a failure */
    String diagnostics() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> logs = Files.isDirectory(data.resolve("log")) ? Files.list(data.resolve("log")) : Stream.empty()) {
            for (Path log : (Iterable<Path>) logs.sorted()::iterator) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append(System.lineSeparator()).append("--- the end of ").append(log).append(':');
                for (String line : lines.subList(Math.max(0, lines.size() - 25), lines.size())) {
                    text.append(System.lineSeparator()).append("    ").append(line);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            text.append(System.lineSeparator()).append("(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /**
     * Stops the server: {@code bin/weir stop}, then by force if it is still there. Only the first
     * call acts; later ones return its result.
     *
     * @return true when it stopped cleanly
     */
    boolean stop() {
        if (stopped != null) {
            return stopped;
        }
        stopped = stopOnce();
        return stopped;
    }

    private boolean stopOnce() {
        if (pid < 0 && !readPid() && starter != null) {
            findServerAmongChildren();
        }
        if (starter != null && starter.isAlive()) {
            starter.destroy();
        }
        if (pid < 0) {
            return true;
        }
        boolean clean = false;
        try {
            ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/weir").toString(), "stop");
            builder.environment().put("WEIR_DATA", data.toString());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.redirectErrorStream(true).redirectOutput(root.resolve("stop.out").toFile());
            Process stopper = builder.start();
            if (stopper.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                clean = stopper.exitValue() == 0;
            } else {
                stopper.destroyForcibly();
            }
        } catch (IOException e) {
            clean = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clean && stillRunning() && System.nanoTime() - gone < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        if (clean && consoleSays("without a clean stop")) {
            // The launcher gave up waiting for the framework and exited anyway (weir.shutdown.timeout).
            clean = false;
        }
        if (stillRunning()) {
            // The JVM this run started (same pid and start time), which did not stop when asked.
            ProcessHandle.of(pid).ifPresent(server -> {
                server.destroyForcibly();
                server.onExit().completeOnTimeout(server, 30, TimeUnit.SECONDS).join();
            });
            clean = false;
        }
        return clean;
    }

    @Override
    public void close() {
        stop();
        if (!keep) {
            deleteTree(root);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                if (relative.toString().equals("data")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(all::add);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("harness: could not list " + root + " to delete it: " + e.getMessage());
            return;
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                System.err.println("harness: could not delete " + all.get(i) + ": " + e.getMessage());
            }
        }
    }
}
