package io.weir.launcher.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Runs Weir: prepares the data folder, takes the instance lock, starts Felix with the bundles of {@code system/},
 * reports that Weir is up, and waits until it stops. A framework stopped for an update of the system bundle ends
 * the process with {@link ExitCodes#RESTART}, and {@code bin/weir} starts it again.
 */
public final class Launcher {
    /** Seconds a stop may take before the process ends anyway. */
    public static final String SHUTDOWN_TIMEOUT_KEY = "weir.shutdown.timeout";
    static final long DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final LaunchOptions options;
    private final boolean console;
    private final PrintStream out;
    private final PrintStream err;

    public Launcher(LaunchOptions options, boolean terminalAttached, PrintStream out, PrintStream err) {
        this.options = options;
        this.console = options.consoleWanted() && terminalAttached;
        this.out = out;
        this.err = err;
    }

    /** Starts Weir and returns the exit status once it has stopped. */
    public int run() throws LaunchException, InterruptedException {
        Path home = options.home();
        Path system = home.resolve("system");
        if (!Files.isDirectory(system)) {
            throw new LaunchException(ExitCodes.USAGE, home + " is not a Weir home (it has no system/ folder)");
        }
        DataFolder data = DataFolder.prepare(options.data());
        data.permissionWarning().ifPresent(err::println);
        Map<String, String> properties = FrameworkProperties.load(home.resolve("etc").resolve("weir.properties"),
                launcherValues(home, data), systemProperties());
        long timeoutMillis = shutdownTimeoutMillis(properties);
        // Also as system properties: pax-logging resolves ${weir.data} in its file from these, as may plugins.
        System.setProperty("weir.home", home.toString());
        System.setProperty("weir.data", data.root().toString());
        if (!console) {
            // No terminal for the console: let JLine settle for a dumb one without warning about it.
            System.setProperty("org.jline.terminal.dumb", "true");
        }
        long pid = ProcessHandle.current().pid();
        // Framework threads inherit this thread's context class loader: make it the asking bundle's.
        Thread.currentThread().setContextClassLoader(new ContextFinder(Launcher.class.getClassLoader()));
        try (InstanceLock lock = InstanceLock.acquire(data.lockFile(), pid)) {
            ShutdownControl shutdown = new ShutdownControl(timeoutMillis, out, err);
            shutdown.install();
            start(properties, data, shutdown);
            writePid(data.pidFile(), pid);
            FrameworkEvent event = shutdown.awaitStop();
            deletePid(data.pidFile(), pid);
            boolean restart = (event.getType() == FrameworkEvent.STOPPED_UPDATE
                    || event.getType() == FrameworkEvent.STOPPED_SYSTEM_REFRESHED) && !shutdown.stopRequested();
            if (restart) {
                // Native libraries (snappy, zstd) cannot be loaded again in the same JVM, so the restart gets a
                // fresh process: bin/weir starts the launcher again when it exits with this status.
                out.println("Weir stopped for a restart (the system bundle was updated or refreshed)");
                return ExitCodes.RESTART;
            }
            if (event.getType() == FrameworkEvent.ERROR) {
                Throwable cause = event.getThrowable();
                err.println("weir: stopped after an error" + (cause == null ? "" : ": " + LaunchException.oneLine(cause)));
                return ExitCodes.FAILED;
            }
            out.println("Weir stopped.");
            return ExitCodes.OK;
        }
    }

    private Map<String, String> launcherValues(Path home, DataFolder data) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("weir.home", home.toString());
        values.put("weir.data", data.root().toString());
        values.put("weir.shell.socket", data.shellSocket().toString());
        values.put("org.osgi.framework.storage", data.cache().toString());
        values.put("org.osgi.framework.startlevel.beginning", Integer.toString(StartOrder.LAST));
        values.put("gosh.args", console ? "" : "--nointeractive");
        return values;
    }

    /** A copy of the Java system properties. */
    public static Map<String, String> systemProperties() {
        Map<String, String> map = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            map.put(name, System.getProperty(name));
        }
        return map;
    }

    static long shutdownTimeoutMillis(Map<String, String> properties) throws LaunchException {
        String value = properties.get(SHUTDOWN_TIMEOUT_KEY);
        if (value == null || value.isBlank()) {
            return DEFAULT_SHUTDOWN_TIMEOUT_SECONDS * 1000;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return seconds * 1000;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaunchException(ExitCodes.USAGE, "etc/weir.properties: " + SHUTDOWN_TIMEOUT_KEY
                + " must be a positive number of seconds, not '" + value + "'");
    }

    /** Starts the framework; clears a cache it cannot start from, once. */
    private void start(Map<String, String> properties, DataFolder data, ShutdownControl shutdown)
            throws LaunchException {
        long startNanos = System.nanoTime();
        FrameworkFactory factory = frameworkFactory();
        boolean cleared = false;
        while (true) {
            boolean hadCache = CacheRecovery.hasContent(data.cache());
            Map<String, Object> configuration = new HashMap<>(properties);
            configuration.put("felix.log.logger", new FelixLog(out, err));
            @SuppressWarnings({"unchecked", "rawtypes"})
            Framework framework = factory.newFramework((Map) configuration);
            StartErrors errors = new StartErrors();
            Booted booted;
            try {
                booted = boot(framework, properties, data, errors);
            } catch (BundleException | RuntimeException e) {
                stopQuietly(framework);
                if (CacheRecovery.isInUse(e)) {
                    throw new LaunchException(ExitCodes.ALREADY_RUNNING, "the framework cache " + data.cache()
                            + " is locked by another process (" + LaunchException.oneLine(CacheRecovery.rootCause(e)) + ")");
                }
                if (CacheRecovery.decide(hadCache, cleared) == CacheRecovery.Action.CLEAR_AND_RETRY) {
                    err.println("weir: " + CacheRecovery.notice(data.cache(), e));
                    clearCache(data);
                    cleared = true;
                    continue;
                }
                throw new LaunchException(ExitCodes.FAILED, "the OSGi framework did not start: "
                        + LaunchException.oneLine(CacheRecovery.rootCause(e)), e);
            } catch (LaunchException e) {
                stopQuietly(framework);
                throw e;
            }
            started(framework, booted, errors, shutdown, startNanos);
            return;
        }
    }

    /** What a successful boot leaves: the system bundles and the event the framework will stop with. */
    private static final class Booted {
        final Map<String, Bundle> managed;
        final CompletableFuture<FrameworkEvent> stopEvent;

        Booted(Map<String, Bundle> managed, CompletableFuture<FrameworkEvent> stopEvent) {
            this.managed = managed;
            this.stopEvent = stopEvent;
        }
    }

    private Booted boot(Framework framework, Map<String, String> properties, DataFolder data, StartErrors errors)
            throws BundleException, LaunchException {
        framework.init();
        CompletableFuture<FrameworkEvent> stopEvent = stopEventOf(framework);
        framework.getBundleContext().addFrameworkListener(errors);
        Map<String, Bundle> managed = new SystemBundles(framework.getBundleContext(), options.home().resolve("system"),
                data.systemState(), StartOrder.from(properties), err).syncAndMarkForStart();
        framework.start();
        return new Booted(managed, stopEvent);
    }

    /**
     * The event the framework stops with. Felix hands it only to threads already waiting when it stops (later
     * callers get a plain STOPPED), so a thread waits from the moment the framework exists: a bundle that
     * updates the system bundle while Weir starts still gets its restart.
     */
    private static CompletableFuture<FrameworkEvent> stopEventOf(Framework framework) {
        CompletableFuture<FrameworkEvent> event = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                event.complete(framework.waitForStop(0));
            } catch (InterruptedException e) {
                event.completeExceptionally(e);
            }
        }, "weir-stop-waiter");
        waiter.setDaemon(true);
        waiter.start();
        return event;
    }

    private void started(Framework framework, Booted booted, StartErrors errors, ShutdownControl shutdown,
                         long startNanos) {
        shutdown.attach(framework, booted.stopEvent);
        if ((framework.getState() & Bundle.ACTIVE) != 0) {
            report(booted.managed, errors, startNanos);
        }
        // The console comes last, after the lines above, so its prompt is not buried under them.
        try {
            framework.adapt(FrameworkStartLevel.class).setStartLevel(StartOrder.CONSOLE);
        } catch (IllegalStateException e) {
            // Already stopping (a signal, or a bundle stopped the framework while it started): nothing to raise.
        }
    }

    private static FrameworkFactory frameworkFactory() throws LaunchException {
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class,
                Launcher.class.getClassLoader()).iterator();
        if (!factories.hasNext()) {
            throw new LaunchException(ExitCodes.FAILED, "no OSGi framework on the class path (lib/ must hold Felix)");
        }
        return factories.next();
    }

    private void clearCache(DataFolder data) throws LaunchException {
        try {
            CacheRecovery.clear(data.cache());
            Files.deleteIfExists(data.systemState());
        } catch (IOException e) {
            throw new LaunchException(ExitCodes.DATA_NOT_WRITABLE, "cannot clear the framework cache "
                    + data.cache() + ": " + LaunchException.oneLine(e));
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | RuntimeException e) {
            // it never really started
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(Map<String, Bundle> managed, StartErrors errors, long startNanos) {
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : managed.values()) {
            // Console bundles start after this report, so they are not judged here.
            if (bundle.getState() != Bundle.ACTIVE && !SystemBundles.isFragment(bundle)
                    && levelOf(bundle) <= StartOrder.LAST) {
                String reason = errors.reasonFor(bundle);
                inactive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + (reason == null ? "" : " (" + reason + ")"));
            }
        }
        for (String line : inactive) {
            err.println("warning: system bundle not active: " + line);
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        out.printf("Weir %s started in %d.%d s: %d system bundles%s (home %s, data %s)%n", version(),
                millis / 1000, millis % 1000 / 100, managed.size(),
                inactive.isEmpty() ? "" : ", " + inactive.size() + " not active",
                options.home(), options.data());
        if (console) {
            out.println("Console: 'help' lists the commands; Ctrl-D or Ctrl-C stops Weir.");
        }
        out.flush();
    }

    private static int levelOf(Bundle bundle) {
        try {
            return bundle.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).getStartLevel();
        } catch (IllegalStateException e) {
            return StartOrder.DEFAULT;
        }
    }

    static String version() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return version == null ? "(development)" : version;
    }

    private static void writePid(Path file, long pid) throws LaunchException {
        try {
            Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new LaunchException(ExitCodes.DATA_NOT_WRITABLE, "cannot write " + file + ": " + LaunchException.oneLine(e));
        }
    }

    private static void deletePid(Path file, long pid) {
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.US_ASCII).strip().equals(Long.toString(pid))) {
                Files.delete(file);
            }
        } catch (IOException ignored) {
            // a stale pid file is detected by bin/weir (the process is gone)
        }
    }

    /** Remembers why bundles failed to start, from the framework's ERROR events. */
    private static final class StartErrors implements org.osgi.framework.FrameworkListener {
        private final Map<Long, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void frameworkEvent(FrameworkEvent event) {
            if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null && event.getThrowable() != null) {
                reasons.putIfAbsent(event.getBundle().getBundleId(), LaunchException.oneLine(event.getThrowable()));
            }
        }

        String reasonFor(Bundle bundle) {
            return reasons.get(bundle.getBundleId());
        }
    }
}
