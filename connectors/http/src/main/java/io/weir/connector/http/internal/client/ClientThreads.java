package io.weir.connector.http.internal.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread of one sink instance, in a thread group of its own. The JDK's HttpClient runs its
 * callbacks on the executor we give it, but also starts a selector thread of its own in the group
 * of the thread that builds it, and before Java 21 offers no way to stop it: it only ends once the
 * client is garbage collected. Building the client on one of our threads puts that selector in our
 * group, where {@link #stop} finds it and interrupts it (its loop ends on interrupt), so that
 * close leaves no thread behind. Threads are named {@code <prefix><n>}; the selector is renamed
 * {@code <prefix>selector} so that thread dumps and leak reports name the instance.
 */
final class ClientThreads implements ThreadFactory {
    private final String prefix;
    private final ThreadGroup group;
    private final AtomicInteger count = new AtomicInteger();

    /** @param prefix the start of every thread's name, for example {@code weir-http_client-audit-} */
    ClientThreads(String prefix) {
        this.prefix = prefix;
        this.group = new ThreadGroup(prefix + "threads");
        // Destroyed by the JVM once its last thread ends, so nothing stays behind after close.
        this.group.setDaemon(true);
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(group, task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** Gives threads the client started in our group a name of ours. */
    void nameForeignThreads() {
        for (Thread t : alive()) {
            if (!t.getName().startsWith(prefix)) {
                t.setName(prefix + "selector");
            }
        }
    }

    /** @return the group's live threads */
    List<Thread> alive() {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, true);
        return new ArrayList<>(Arrays.asList(threads).subList(0, n));
    }

    /**
     * Interrupts every thread of the group and waits for them to end.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which to give up
     * @return the names of the threads still alive at the deadline; empty when all ended
     */
    List<String> stop(long deadlineNanos) throws InterruptedException {
        for (Thread t : alive()) {
            t.interrupt();
        }
        List<String> survivors = new ArrayList<>();
        for (Thread t : alive()) {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                survivors.add(t.getName());
            }
        }
        return survivors;
    }
}
