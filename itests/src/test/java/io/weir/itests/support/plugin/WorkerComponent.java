package io.weir.itests.support.plugin;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The code of the worker plugins that {@link io.weir.itests.support.WorkerPlugins} builds at test time: a DS component
 * that starts one thread when activated. A well-behaved plugin ({@code worker.stops=true}) interrupts and joins it on
 * deactivation; a leaky one leaves it running, and its thread ignores interrupts until the test counts down the
 * {@link CountDownLatch} service it was given.
 *
 * <p>It needs nothing outside {@code java.*}, so each plugin bundle holds its own copy, defined by its own class
 * loader. Its package holds nothing else, and the tests never run it themselves: a stack frame in this package is
 * always a plugin's, which is what the unload check looks for.
 */
public final class WorkerComponent implements Runnable {

    /** Injected by SCR (field named in the component XML): the test's latch that lets a leaky thread end. */
    private volatile CountDownLatch release;
    private volatile boolean stops;
    private Thread thread;

    /** Called by SCR: starts the worker thread named by the component property {@code worker.name}. */
    public void activate(Map<String, Object> properties) {
        stops = Boolean.parseBoolean(String.valueOf(properties.get("worker.stops")));
        thread = new Thread(this, String.valueOf(properties.get("worker.name")));
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by SCR: a well-behaved plugin ends its thread; a leaky one forgets it. */
    public void deactivate() throws InterruptedException {
        if (stops) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        thread = null;
    }

    @Override
    public void run() {
        while (true) {
            try {
                if (release.await(10, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                if (stops) {
                    return;
                }
            }
        }
    }
}
