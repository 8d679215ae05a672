package io.weir.launcher.internal;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;

import sun.misc.Signal;

/**
 * Turns SIGTERM, SIGINT and SIGHUP into a clean framework stop, and bounds every stop in time.
 * <p>
 * However a stop begins (a signal, the shell's {@code shutdown}, Ctrl-D at the console, a bundle stopping the
 * system bundle), a watchdog gives the framework {@code weir.shutdown.timeout} seconds, then ends the process
 * with status 1. A second signal while stopping ends it at once, unless it came within a second of the first: a
 * signal to the whole process group reaches the JVM and {@code bin/weir run}, which passes it on, and is one request
 * ({@link StopSignals}). A signal that was ignored when the JVM started
 * (nohup's SIGHUP, SIGINT in a background job) stays ignored.
 */
public final class ShutdownControl {
    private final long timeoutMillis;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final StopSignals signals = new StopSignals();
    private volatile Framework framework;
    private volatile Watchdog watchdog;
    private volatile CompletableFuture<FrameworkEvent> stopEvent;

    public ShutdownControl(long timeoutMillis, PrintStream out, PrintStream err) {
        this.timeoutMillis = timeoutMillis;
        this.out = out;
        this.err = err;
    }

    /** Handles TERM, INT and HUP from now on; a stop from outside the JVM (System.exit) also stops the framework. */
    public void install() {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                // The platform or the VM reserves this signal: its default action stays.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopFromShutdownHook, "weir-shutdown-hook"));
    }

    /** True once a signal asked Weir to stop: the launcher must not restart the framework. */
    public boolean stopRequested() {
        return stopRequested.get();
    }

    /**
     * Watches this framework's stop from now on; stops it at once when a signal came before it existed.
     *
     * @param stopEvent completes with the event the framework stops with
     */
    public void attach(Framework started, CompletableFuture<FrameworkEvent> stopEvent) {
        framework = started;
        this.stopEvent = stopEvent;
        Watchdog dog = new Watchdog();
        watchdog = dog;
        BundleContext context = started.getBundleContext();
        try {
            if (context != null) {
                context.addBundleListener((SynchronousBundleListener) event -> {
                    if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
                        dog.arm();
                    }
                });
            }
        } catch (IllegalStateException e) {
            // the framework is no longer active: the state check below arms the watchdog
        }
        if ((started.getState() & Bundle.ACTIVE) == 0) {
            // It began to stop before the listener was there (a bundle stopped it while it started).
            dog.arm();
        }
        if (stopRequested.get()) {
            stop(started);
        }
    }

    /** Waits until the attached framework has stopped; the watchdog bounds the wait once the stop began. */
    public FrameworkEvent awaitStop() throws InterruptedException {
        try {
            return stopEvent.get();
        } catch (ExecutionException e) {
            throw (InterruptedException) e.getCause();
        } finally {
            watchdog.release();
        }
    }

    private void onSignal(String name) {
        StopSignals.Meaning meaning = signals.signal(System.nanoTime());
        if (meaning == StopSignals.Meaning.SAME) {
            return;
        }
        if (meaning == StopSignals.Meaning.NOW) {
            err.println("weir: second " + name + " while stopping: exiting now, without a clean stop");
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.FAILED);
        }
        stopRequested.set(true);
        out.println("Stopping Weir (" + name + ")...");
        out.flush();
        Framework current = framework;
        if (current != null) {
            stop(current);
        }
    }

    private void stop(Framework target) {
        Watchdog dog = watchdog;
        if (dog != null) {
            dog.arm();
        }
        try {
            target.stop();
        } catch (BundleException | IllegalStateException e) {
            err.println("weir: cannot stop the framework: " + LaunchException.oneLine(e));
        }
    }

    private void stopFromShutdownHook() {
        Framework current = framework;
        if (current == null || (current.getState() & (Bundle.ACTIVE | Bundle.STARTING | Bundle.STOPPING)) == 0) {
            return;
        }
        stopRequested.set(true);
        // A stop of its own: a signal after it means "now" as after a first signal.
        signals.signal(System.nanoTime());
        stop(current);
        try {
            current.waitForStop(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the process when a stop takes longer than the timeout. */
    private final class Watchdog {
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean();

        void arm() {
            if (!armed.compareAndSet(false, true)) {
                return;
            }
            Thread thread = new Thread(() -> {
                try {
                    if (!stopped.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                        err.println("weir: did not stop within " + timeoutMillis / 1000
                                + " s (weir.shutdown.timeout): exiting without a clean stop");
                        err.flush();
                        Runtime.getRuntime().halt(ExitCodes.FAILED);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "weir-shutdown-watchdog");
            thread.setDaemon(true);
            thread.start();
        }

        void release() {
            stopped.countDown();
        }
    }
}
