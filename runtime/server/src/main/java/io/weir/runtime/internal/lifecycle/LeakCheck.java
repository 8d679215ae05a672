package io.weir.runtime.internal.lifecycle;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The check of one removed plugin revision: first its threads must end (within the grace period), then its
 * class loader must be garbage-collected (within the unload deadline). Driven by {@link LeakMonitor}, one
 * {@link #advance} per poll; the outcome and its evidence stay readable for {@code weir:leaks}.
 *
 * <p>Only a weak reference to the class loader is kept; the loader is read into a local variable for the
 * length of a single step.
 */
public final class LeakCheck {

    /** Where a check stands, as {@code weir:leaks} shows it. */
    public enum Status {
        WAITING_FOR_REFRESH("waiting for refresh"),
        CHECKING_THREADS("checking threads"),
        CHECKING_CLASS_LOADER("checking class loader"),
        COLLECTED("collected \u2714"),
        THREADS_ALIVE("threads alive"),
        CLASS_LOADER_ALIVE("class loader alive"),
        THREADS_AND_CLASS_LOADER_ALIVE("threads and class loader alive");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private enum Phase { WAITING, THREADS, CLASS_LOADER, DONE }

    private static final long FIRST_GC_INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_GC_INTERVAL = TimeUnit.SECONDS.toNanos(2);

    private final RevisionInfo info;
    private volatile String cause;
    private final Instant removedAt;
    private final WeakReference<ClassLoader> loader;
    private final List<ThreadSuspect> suspects = new CopyOnWriteArrayList<>();
    private final long graceNanos;
    private final long deadlineNanos;

    private Phase phase = Phase.WAITING;
    private long startNanos;
    private long classLoaderPhaseNanos;
    private long nextGcNanos;
    private long gcInterval = FIRST_GC_INTERVAL;
    private boolean threadsLeaked;
    private boolean loaderLeaked;
    private long threadsEndedAfter = -1;
    private long collectedAfter = -1;
    private List<String> holders = List.of();
    private volatile List<String> paths = List.of();

    /**
     * @param info      names of the removed revision
     * @param cause     what removed it: uninstalled, updated, refreshed
     * @param removedAt when
     * @param loader    the weak reference captured when the revision was wired
     * @param suspects  threads attributed to the revision when it went
     * @param settings  grace period and deadline
     */
    public LeakCheck(RevisionInfo info, String cause, Instant removedAt, WeakReference<ClassLoader> loader,
            List<ThreadSuspect> suspects, LeakSettings settings) {
        this.info = info;
        this.cause = cause;
        this.removedAt = removedAt;
        this.loader = loader;
        this.suspects.addAll(suspects);
        this.graceNanos = settings.threadGrace().toNanos();
        this.deadlineNanos = settings.unloadDeadline().toNanos();
    }

    /**
     * One step of the check.
     *
     * @param now     {@link System#nanoTime()}
     * @param pending true while the framework still uses the old revision (it waits for a refresh)
     * @param live    the live threads
     * @return true when the check waits for the class loader and wants a garbage collection now
     */
    public synchronized boolean advance(long now, boolean pending, List<Thread> live) {
        if (phase == Phase.WAITING) {
            if (pending) {
                return false;
            }
            phase = Phase.THREADS;
            startNanos = now;
        }
        if (phase == Phase.THREADS) {
            adoptThreadsOfLoader(live);
            if (suspects.stream().noneMatch(ThreadSuspect::isAlive)) {
                threadsEndedAfter = now - startNanos;
            } else if (now - startNanos >= graceNanos) {
                threadsLeaked = true;
                suspects.stream().filter(ThreadSuspect::isAlive).forEach(ThreadSuspect::freeze);
            } else {
                return false;
            }
            phase = Phase.CLASS_LOADER;
            classLoaderPhaseNanos = now;
            nextGcNanos = now;
        }
        if (phase == Phase.CLASS_LOADER) {
            if (loader.get() == null) {
                collectedAfter = now - startNanos;
                phase = Phase.DONE;
            } else if (now - classLoaderPhaseNanos >= deadlineNanos) {
                loaderLeaked = true;
                holders = List.copyOf(KnownHolders.find(loader.get(), live));
                phase = Phase.DONE;
            } else {
                return now >= nextGcNanos;
            }
        }
        return false;
    }

    /** A garbage collection ran: the next is asked for after a growing interval (100 ms up to 2 s). */
    public synchronized void gcDone(long now) {
        nextGcNanos = now + gcInterval;
        gcInterval = Math.min(gcInterval * 2, MAX_GC_INTERVAL);
    }

    /** Notes leftovers that went away after the check ended (a thread that ended late, a late collection). */
    public synchronized void recheck(long now) {
        if (phase != Phase.DONE) {
            return;
        }
        if (threadsLeaked && threadsEndedAfter < 0 && suspects.stream().noneMatch(ThreadSuspect::isAlive)) {
            threadsEndedAfter = now - startNanos;
        }
        if (loaderLeaked && collectedAfter < 0 && loader.get() == null) {
            collectedAfter = now - startNanos;
        }
    }

    /** Threads that belong to the loader by identity (class, context loader) but were not seen at removal. */
    private void adoptThreadsOfLoader(List<Thread> live) {
        ClassLoader current = loader.get();
        if (current == null) {
            return;
        }
        for (Thread thread : live) {
            if (suspects.stream().anyMatch(s -> s.is(thread))) {
                continue;
            }
            List<String> reasons = ThreadAttribution.byLoader(thread, current);
            if (!reasons.isEmpty() && thread.isAlive()) {
                suspects.add(new ThreadSuspect(thread, reasons));
            }
        }
    }

    public synchronized Status status() {
        switch (phase) {
            case WAITING: return Status.WAITING_FOR_REFRESH;
            case THREADS: return Status.CHECKING_THREADS;
            case CLASS_LOADER: return Status.CHECKING_CLASS_LOADER;
            default:
                boolean threads = threadsLeaked && threadsEndedAfter < 0;
                boolean loaderAlive = loaderLeaked && collectedAfter < 0;
                if (threads && loaderAlive) {
                    return Status.THREADS_AND_CLASS_LOADER_ALIVE;
                }
                return threads ? Status.THREADS_ALIVE : loaderAlive ? Status.CLASS_LOADER_ALIVE : Status.COLLECTED;
        }
    }

    public synchronized boolean isDone() {
        return phase == Phase.DONE;
    }

    /** True when the check ended and something was left behind at its deadline (even if it went later). */
    public synchronized boolean leaked() {
        return threadsLeaked || loaderLeaked;
    }

    public synchronized boolean threadsLeaked() {
        return threadsLeaked;
    }

    public synchronized boolean loaderLeaked() {
        return loaderLeaked;
    }

    /** Nanoseconds from the start of the check until its threads had ended, or -1. */
    public synchronized long threadsEndedAfterNanos() {
        return threadsEndedAfter;
    }

    /** Nanoseconds from the start of the check until the class loader was collected, or -1. */
    public synchronized long collectedAfterNanos() {
        return collectedAfter;
    }

    /** What still held the class loader at the deadline, as far as the known holders show. */
    public synchronized List<String> holders() {
        return holders;
    }

    /** The path from a GC root to the class loader, when a heap dump traced one ({@code weir:leaks --paths}). */
    public List<String> paths() {
        return paths;
    }

    void paths(List<String> lines) {
        this.paths = List.copyOf(lines);
    }

    /** True while the class loader has not been collected (no reference to it is kept). */
    public boolean loaderAlive() {
        return loader.get() != null;
    }

    public List<ThreadSuspect> suspects() {
        return List.copyOf(suspects);
    }

    public RevisionInfo info() {
        return info;
    }

    /** What removed the revision: uninstalled, updated or refreshed. */
    public String cause() {
        return cause;
    }

    /** Names the cause once the framework's next event tells it (an update unresolves the bundle first). */
    void cause(String newCause) {
        this.cause = newCause;
    }

    public Instant removedAt() {
        return removedAt;
    }

    /** The weak reference to the class loader (cleared once it was collected). */
    WeakReference<ClassLoader> loaderReference() {
        return loader;
    }
}
