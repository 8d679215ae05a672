package io.weir.runtime.internal.lifecycle.testplugin;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Plays a plugin's code: the tests load it through a class loader of its own, as a bundle's would be, and
 * reach it by reflection. Only JDK types cross between the test and this class, so nothing but the objects it
 * creates can keep its loader alive.
 */
public final class Worker implements Runnable {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release;
    private final boolean obeysInterrupt;

    private Worker(CountDownLatch release, boolean obeysInterrupt) {
        this.release = release;
        this.obeysInterrupt = obeysInterrupt;
    }

    /**
     * Starts a plain {@code Thread} running a worker of this plugin and returns once it runs.
     *
     * @param obeysInterrupt a well-behaved plugin ends its thread when interrupted; a leaky one ignores it
     */
    public static Thread startRunnable(String name, CountDownLatch release, boolean obeysInterrupt)
            throws InterruptedException {
        Worker worker = new Worker(release, obeysInterrupt);
        Thread thread = new Thread(worker, name);
        thread.setDaemon(true);
        thread.start();
        worker.started.await(5, TimeUnit.SECONDS);
        return thread;
    }

    /** Starts a {@code Thread} subclass of this plugin (its class alone ties it to the plugin's loader). */
    public static Thread startSubclass(String name, CountDownLatch release) throws InterruptedException {
        Worker worker = new Worker(release, false);
        Thread thread = new PluginThread(worker, name);
        thread.setDaemon(true);
        thread.start();
        worker.started.await(5, TimeUnit.SECONDS);
        return thread;
    }

    /** Adds a java.util.logging handler of this plugin to a logger (and never removes it: a leak). */
    public static void addLogHandler(String loggerName) {
        Logger.getLogger(loggerName).addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                // drops it
            }

            @Override
            public void flush() {
                // nothing buffered
            }

            @Override
            public void close() {
                // nothing to release
            }
        });
    }

    @Override
    public void run() {
        started.countDown();
        while (true) {
            try {
                if (release.await(10, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                if (obeysInterrupt) {
                    return;
                }
            }
        }
    }

    /** A plugin's own thread class. */
    static final class PluginThread extends Thread {
        PluginThread(Runnable target, String name) {
            super(target, name);
        }
    }
}
