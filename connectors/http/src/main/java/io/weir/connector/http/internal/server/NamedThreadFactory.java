package io.weir.connector.http.internal.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Names the I/O threads {@code <prefix><n>} so that thread dumps and the runtime's leak report name
 * the instance. Netty's own thread type: it clears Netty's thread-locals when the thread ends.
 */
final class NamedThreadFactory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Thread> created = new ArrayList<>();

    NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new FastThreadLocalThread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        synchronized (created) {
            created.add(thread);
        }
        return thread;
    }

    /**
     * Waits for every thread made here to end: Netty reports its loops terminated just before their
     * threads actually exit.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which to give up
     * @return the names of the threads still alive at the deadline
     */
    List<String> join(long deadlineNanos) throws InterruptedException {
        List<Thread> threads;
        synchronized (created) {
            threads = new ArrayList<>(created);
        }
        List<String> alive = new ArrayList<>();
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                alive.add(t.getName());
            }
        }
        return alive;
    }
}
