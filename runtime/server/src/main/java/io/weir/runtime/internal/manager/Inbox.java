package io.weir.runtime.internal.manager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The bounded queue in front of a node that receives events (a sink or a pipeline). It holds
 * batches and counts the entries in them; a producer waits while it is full, which is how
 * backpressure travels upstream. A batch is always accepted into an empty inbox, so a batch larger
 * than the capacity cannot wedge a flow. The lock is per inbox: only the producers feeding this one
 * node and its consumer share it, once per batch.
 */
public final class Inbox {
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String label;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private int entries;
    private int capacity;
    private boolean closed;
    private boolean wakeup;

    /**
     * @param label    the receiving node, for messages
     * @param capacity the most entries waiting
     */
    public Inbox(String label, int capacity) {
        this.label = label;
        this.capacity = Math.max(1, capacity);
    }

    /** @return the receiving node */
    public String label() {
        return label;
    }

    /**
     * Queues a batch, waiting while the inbox is full.
     *
     * @param batch  the batch
     * @param giveUp asked every few milliseconds while waiting; {@code true} abandons the wait
     * @return {@code true} when queued; {@code false} when the inbox was closed or the wait abandoned
     *         (the caller then owns the batch and fails it)
     */
    public boolean put(Batch batch, BooleanSupplier giveUp) {
        lock.lock();
        try {
            while (!closed && entries > 0 && entries + batch.size() > capacity) {
                if (giveUp.getAsBoolean()) {
                    return false;
                }
                try {
                    notFull.awaitNanos(WAIT_SLICE_NANOS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (closed) {
                return false;
            }
            batches.addLast(batch);
            entries += batch.size();
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts batches back at the head of the queue, in the order given, ahead of everything waiting:
     * the events a replaced or abandoned consumer took and did not complete are delivered again
     * first. Never waits: they were counted once already, so the capacity does not hold them back.
     *
     * @param front the batches, oldest first
     * @return {@code false} when the inbox is closed (the caller then owns the batches and fails them)
     */
    public boolean requeue(List<Batch> front) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            for (int i = front.size() - 1; i >= 0; i--) {
                Batch batch = front.get(i);
                batches.addFirst(batch);
                entries += batch.size();
            }
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest batch, waiting at most {@code timeoutNanos} for one.
     *
     * @param timeoutNanos the longest wait; zero does not wait
     * @return the batch, or {@code null} when none came, the inbox is closed, or {@link #wake()} was called
     */
    public Batch poll(long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (batches.isEmpty() && !closed && !wakeup && left > 0) {
                try {
                    left = notEmpty.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            wakeup = false;
            Batch batch = batches.pollFirst();
            if (batch != null) {
                entries -= batch.size();
                // Producers wait until half the room is free again, not one batch: a waiting producer is woken once
                // per half inbox instead of once per batch, and the consumer still has half an inbox to work on.
                if (entries <= capacity / 2) {
                    notFull.signalAll();
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Makes a waiting {@link #poll} return at once, so the consumer notices a stop or a state change. */
    public void wake() {
        lock.lock();
        try {
            wakeup = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @param capacity the new limit on waiting entries; takes effect at once */
    public void capacity(int capacity) {
        lock.lock();
        try {
            this.capacity = Math.max(1, capacity);
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the limit on waiting entries */
    public int capacity() {
        lock.lock();
        try {
            return capacity;
        } finally {
            lock.unlock();
        }
    }

    /** @return the entries waiting now */
    public int size() {
        lock.lock();
        try {
            return entries;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the inbox for good: producers are refused from now on.
     *
     * @return the batches that were still waiting, for the caller to fail
     */
    public List<Batch> close() {
        lock.lock();
        try {
            closed = true;
            List<Batch> left = new ArrayList<>(batches);
            batches.clear();
            entries = 0;
            notFull.signalAll();
            notEmpty.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Inbox[" + label + "]";
    }
}
