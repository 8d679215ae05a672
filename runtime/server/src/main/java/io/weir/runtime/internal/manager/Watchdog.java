package io.weir.runtime.internal.manager;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that looks at every running manager a few times a second and abandons the one whose
 * plugin call has run past its limit (see {@link CallGuard}); whoever created the watchdog hears
 * about it and replaces the manager. It also runs a periodic task for its owner (the engine's swap
 * timeouts). The thread starts with the first manager watched and ends on {@link #close}.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Set<ManagerThread> watched = ConcurrentHashMap.newKeySet();
    private final Consumer<ManagerThread> abandoned;
    private final Runnable periodic;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param abandoned told, on the watchdog's thread, about each manager it abandoned
     * @param periodic  run on every round
     */
    public Watchdog(Consumer<ManagerThread> abandoned, Runnable periodic) {
        this.abandoned = abandoned;
        this.periodic = periodic;
    }

    /** @param manager a manager to watch until its thread ends */
    public void watch(ManagerThread manager) {
        watched.add(manager);
        start();
    }

    private synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, "weir-watchdog");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            thread.start();
        }
    }

    /**
     * Looks at every manager once: abandons those overdue and tells the owner.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    void round(long nowNanos) {
        for (ManagerThread manager : watched) {
            if (manager.isStopped()) {
                watched.remove(manager);
            } else if (manager.guard().abandonIfOverdue(nowNanos)) {
                manager.abandonedByWatchdog();
                try {
                    abandoned.accept(manager);
                } catch (Throwable t) {
                    LOG.error("{}: replacing the abandoned manager failed", manager.label, t);
                }
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                round(System.nanoTime());
                periodic.run();
            } catch (Throwable t) {
                LOG.error("watchdog round failed", t);
            }
            LockSupport.parkNanos(this, PERIOD_NANOS);
        }
    }

    /** Ends the thread and waits for it (bounded). */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null && running != Thread.currentThread()) {
            LockSupport.unpark(running);
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watched.clear();
    }
}
