package io.weir.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Packed into a test bundle by {@link ControlScriptProcessTest}: updates the system bundle (a restart) when
 * {@code <data>/restart-now} appears, and holds its start while {@code <data>/hold-start} exists (at most a minute),
 * so that a test can act while Weir restarts.
 */
public final class RestartOnRequestActivator implements BundleActivator {
    private Thread watcher;

    @Override
    public void start(BundleContext context) throws InterruptedException {
        Path data = Path.of(System.getProperty("weir.data"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (Files.exists(data.resolve("hold-start")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        watcher = new Thread(() -> {
            try {
                while (!Files.exists(data.resolve("restart-now"))) {
                    Thread.sleep(20);
                }
                Files.delete(data.resolve("restart-now"));
                context.getBundle(0).update();
            } catch (InterruptedException e) {
                // stopped
            } catch (IOException | BundleException e) {
                throw new IllegalStateException(e);
            }
        }, "test-restart-on-request");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public void stop(BundleContext context) {
        watcher.interrupt();
    }
}
