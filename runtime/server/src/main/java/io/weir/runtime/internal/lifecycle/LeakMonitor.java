package io.weir.runtime.internal.lifecycle;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import io.weir.runtime.internal.lifecycle.heap.HeapDumps;
import io.weir.runtime.internal.lifecycle.heap.HeapPathFinder;

/**
 * Runs the checks of removed plugin revisions on one thread ({@code weir-leak-check}) and remembers the last
 * ones for {@code weir:leaks}. Plain Java: the framework glue tells it when a revision went
 * ({@link #removed}) and whether a bundle's old revision is still in use ({@code removalPending}).
 *
 * <p>Garbage collections are requested only while a check waits for a class loader, one for all such checks,
 * at growing intervals (100 ms doubling to 2 s), so a removal costs a handful of collections at most.
 */
public final class LeakMonitor implements AutoCloseable {

    private static final long POLL_MILLIS = 50;

    private final LongPredicate removalPending;
    private final Consumer<LeakCheck> finished;
    private final Deque<LeakCheck> history = new ArrayDeque<>();
    private final List<LeakCheck> active = new ArrayList<>();
    private final Thread worker;
    private final Object tracing = new Object();
    private volatile LeakSettings settings;
    private boolean closed;

    /**
     * @param settings       grace period, deadline, history size
     * @param removalPending given a bundle id, true while the framework still uses an old revision of it
     * @param finished       told of each check that ended (to log it)
     */
    public LeakMonitor(LeakSettings settings, LongPredicate removalPending, Consumer<LeakCheck> finished) {
        this.settings = settings;
        this.removalPending = removalPending;
        this.finished = finished;
        this.worker = new Thread(this::run, "weir-leak-check");
        worker.setDaemon(true);
        // A thread inherits its creator's context class loader; ours must never pin a plugin's.
        worker.setContextClassLoader(LeakMonitor.class.getClassLoader());
        worker.start();
    }

    /** New settings apply to revisions removed from now on; the history is trimmed at once. */
    public void settings(LeakSettings newSettings) {
        this.settings = newSettings;
        synchronized (this) {
            trim();
        }
    }

    public LeakSettings settings() {
        return settings;
    }

    /**
     * A plugin revision went away: attribute the threads running now and start checking.
     *
     * @param revision       the revision, as tracked when it was wired
     * @param cause          uninstalled, updated or refreshed
     * @param stacks         every live thread with its stack, taken as the revision went
     * @param sharedPackages packages that other installed bundles also hold (frame evidence there is ambiguous)
     * @return the check, already listed by {@link #checks()}
     */
    public LeakCheck removed(PluginRevision revision, String cause, Map<Thread, StackTraceElement[]> stacks,
            Set<String> sharedPackages) {
        List<ThreadSuspect> suspects = attribute(revision, stacks, sharedPackages);
        LeakCheck check = new LeakCheck(revision.info(), cause, Instant.now(), revision.loaderReference(),
                suspects, settings);
        synchronized (this) {
            if (closed) {
                return check;
            }
            history.addFirst(check);
            active.add(check);
            trim();
            notifyAll();
        }
        return check;
    }

    private List<ThreadSuspect> attribute(PluginRevision revision, Map<Thread, StackTraceElement[]> stacks,
            Set<String> sharedPackages) {
        ThreadAttribution attribution = new ThreadAttribution(revision.loaderReference().get(), revision.packages(),
                revision.threadPrefixes(), sharedPackages);
        List<ThreadSuspect> suspects = new ArrayList<>();
        Thread self = Thread.currentThread();
        for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
            Thread thread = entry.getKey();
            if (thread == self || thread == worker || !thread.isAlive()) {
                // the thread removing the plugin runs the framework's code; the checker is ours, whatever its name
                continue;
            }
            List<String> reasons = attribution.reasons(thread, entry.getValue());
            if (!reasons.isEmpty()) {
                suspects.add(new ThreadSuspect(thread, reasons));
            }
        }
        return suspects;
    }

    /** The remembered checks, newest first, with late endings and collections noted. */
    public List<LeakCheck> checks() {
        List<LeakCheck> copy;
        synchronized (this) {
            copy = new ArrayList<>(history);
        }
        long now = System.nanoTime();
        for (LeakCheck check : copy) {
            check.recheck(now);
        }
        return copy;
    }

    /** Asks for one garbage collection, so that {@link #checks()} shows what it freed. */
    public void collectGarbage() {
        System.gc();
    }

    /**
     * Takes a heap dump and records, in each ended check whose class loader is still alive, the path from a GC root
     * that keeps it. One trace at a time; the dump is deleted afterwards.
     *
     * @param folder where the dump is written
     * @param limits bounds of the search
     * @param which  the checks to trace (all when it always answers true)
     * @return how many class loaders were traced
     * @throws IOException when no dump could be taken or read
     */
    public int tracePaths(Path folder, HeapPathFinder.Limits limits, Predicate<LeakCheck> which) throws IOException {
        synchronized (tracing) {
            List<LeakCheck> candidates = new ArrayList<>();
            for (LeakCheck check : checks()) {
                if (check.isDone() && check.loaderLeaked() && check.loaderAlive() && which.test(check)) {
                    candidates.add(check);
                }
            }
            Map<Long, WeakReference<ClassLoader>> loaders = new HashMap<>();
            for (int i = 0; i < candidates.size(); i++) {
                loaders.put((long) i, candidates.get(i).loaderReference());
            }
            if (loaders.isEmpty()) {
                return 0;
            }
            Map<Long, List<String>> paths = HeapDumps.tracePaths(loaders, folder, limits);
            paths.forEach((key, lines) -> candidates.get(key.intValue()).paths(lines));
            return paths.size();
        }
    }

    /** True while some check has not ended. */
    public synchronized boolean busy() {
        return !active.isEmpty();
    }

    private void trim() {
        while (history.size() > settings.history()) {
            history.removeLast();
        }
    }

    private void run() {
        while (true) {
            synchronized (this) {
                while (!closed && active.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
            }
            try {
                round();
            } catch (RuntimeException | LinkageError e) {
                // Never let a surprise end the checks: record it on the thread's handler and go on.
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
            synchronized (this) {
                if (!closed && !active.isEmpty()) {
                    try {
                        wait(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** One poll of every active check; locals (threads, loaders) end with the method. */
    private void round() {
        List<LeakCheck> checks;
        synchronized (this) {
            checks = new ArrayList<>(active);
        }
        List<Thread> live = ThreadAttribution.liveThreads();
        long now = System.nanoTime();
        boolean wantGc = false;
        for (LeakCheck check : checks) {
            wantGc |= check.advance(now, removalPending.test(check.info().bundleId()), live);
        }
        if (wantGc) {
            System.gc();
            now = System.nanoTime();
            for (LeakCheck check : checks) {
                if (!check.isDone()) {
                    check.gcDone(now);
                    check.advance(now, removalPending.test(check.info().bundleId()), live);
                }
            }
        }
        List<LeakCheck> ended = new ArrayList<>();
        for (LeakCheck check : checks) {
            if (check.isDone()) {
                ended.add(check);
            }
        }
        if (!ended.isEmpty()) {
            synchronized (this) {
                active.removeAll(ended);
            }
            ended.forEach(finished);
        }
    }

    /** Stops the checks; waits briefly for the worker to end. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
