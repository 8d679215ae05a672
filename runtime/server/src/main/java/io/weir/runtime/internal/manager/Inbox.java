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
 * batches and counts the entries in them and their estimated size in bytes ({@link EventSize}); while
 * either bound is reached a producer on a thread of its own waits ({@link #put}) and one on the shared
 * workers is told no ({@link #offer}) and told again once there is room: that is how backpressure
 * travels upstream. The byte
 * bound keeps what many flows hold predictable whatever their events weigh. A batch is always
 * accepted into an empty inbox, so a batch larger than either bound cannot wedge a flow. The lock is
 * per inbox: only the producers feeding this one node and its consumer share it, once per batch; the
 * size is estimated before it is taken.
 */
public final class Inbox {
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String label;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    /** The estimated size of each batch, in the same order, so that taking one subtracts what adding it added. */
    private final LongRing batchBytes = new LongRing();
    private int entries;
    private long bytes;
    private int capacity;
    private long byteCapacity;
    private boolean closed;
    private boolean wakeup;
    /** The consuming task, queued when a batch comes; {@code null} when the consumer has a thread of its own. */
    private volatile Workers.Task consumer;
    /** Producing tasks told once when there is room again (see {@link #offer}). */
    private final List<Runnable> roomWaiters = new ArrayList<>(2);

    /**
     * @param label    the receiving node, for messages
     * @param capacity the most entries waiting
     */
    public Inbox(String label, int capacity) {
        this(label, capacity, Long.MAX_VALUE);
    }

    /**
     * @param label        the receiving node, for messages
     * @param capacity     the most entries waiting
     * @param byteCapacity the most bytes waiting, as estimated by {@link EventSize}
     */
    public Inbox(String label, int capacity, long byteCapacity) {
        this.label = label;
        this.capacity = Math.max(1, capacity);
        this.byteCapacity = Math.max(1, byteCapacity);
    }

    /** @return the receiving node */
    public String label() {
        return label;
    }

    /** @param task the consuming task on the shared workers, queued from now on whenever a batch comes */
    public void consumer(Workers.Task task) {
        this.consumer = task;
        wakeConsumer();
    }

    /** What {@link #offer} did with a batch. */
    public enum Offer {
        /** Queued. */
        TAKEN,
        /** The inbox is full: the producer keeps the batch and is told when there is room. */
        FULL,
        /** The inbox is closed: the producer owns the batch and fails it. */
        CLOSED
    }

    /**
     * Queues a batch without waiting: the way a producer running as a task puts, since it must not hold
     * up a worker. When the inbox is full, {@code onRoom} is run once there is room again (once half of
     * it is free, or when it closes).
     *
     * @param batch  the batch
     * @param onRoom run when there is room again, if the inbox was full
     * @return what happened to the batch
     */
    public Offer offer(Batch batch, Runnable onRoom) {
        long size = EventSize.estimate(batch);
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (hasNoRoomFor(batch, size)) {
                if (!roomWaiters.contains(onRoom)) {
                    roomWaiters.add(onRoom);
                }
                return Offer.FULL;
            }
            append(batch, size);
        } finally {
            lock.unlock();
        }
        handToConsumer();
        return Offer.TAKEN;
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
        long size = EventSize.estimate(batch);
        lock.lock();
        try {
            while (!closed && hasNoRoomFor(batch, size)) {
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
            append(batch, size);
        } finally {
            lock.unlock();
        }
        handToConsumer();
        return true;
    }

    /**
     * @return whether a batch of {@code size} estimated bytes must wait; never in an empty inbox, so that a batch
     *         larger than either bound cannot wedge a flow. Under the lock
     */
    private boolean hasNoRoomFor(Batch batch, long size) {
        return entries > 0 && (entries + batch.size() > capacity || bytes + size > byteCapacity);
    }

    /** Queues a batch there is room for. Under the lock. */
    private void append(Batch batch, long size) {
        batches.addLast(batch);
        batchBytes.addLast(size);
        entries += batch.size();
        bytes += size;
        notEmpty.signal();
    }

    /** Queues the consuming task, if any, to run next on this worker: the batch just made is in this core's cache. */
    private void handToConsumer() {
        Workers.Task task = consumer;
        if (task != null) {
            task.scheduleHere();
        }
    }

    /** Queues the consuming task, if any, wherever a worker is free. */
    private void wakeConsumer() {
        Workers.Task task = consumer;
        if (task != null) {
            task.schedule();
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
        long[] sizes = new long[front.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = EventSize.estimate(front.get(i));
        }
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            for (int i = front.size() - 1; i >= 0; i--) {
                Batch batch = front.get(i);
                batches.addFirst(batch);
                batchBytes.addFirst(sizes[i]);
                entries += batch.size();
                bytes += sizes[i];
            }
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        wakeConsumer();
        return true;
    }

    /**
     * Takes the oldest batch, waiting at most {@code timeoutNanos} for one.
     *
     * @param timeoutNanos the longest wait; zero does not wait
     * @return the batch, or {@code null} when none came, the inbox is closed, or {@link #wake()} was called
     */
    public Batch poll(long timeoutNanos) {
        Runnable[] room = null;
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
                bytes -= batchBytes.pollFirst();
                // Producers wait until half the room is free again, not one batch: a waiting producer is woken once
                // per half inbox instead of once per batch, and the consumer still has half an inbox to work on.
                if (entries <= capacity / 2 && bytes <= byteCapacity / 2) {
                    notFull.signalAll();
                    room = takeRoomWaiters();
                }
            }
            return batch;
        } finally {
            lock.unlock();
            tell(room);
        }
    }

    /** @return the producers waiting for room, no longer listed; {@code null} when none. Under the lock. */
    private Runnable[] takeRoomWaiters() {
        if (roomWaiters.isEmpty()) {
            return null;
        }
        Runnable[] waiting = roomWaiters.toArray(new Runnable[0]);
        roomWaiters.clear();
        return waiting;
    }

    /** Tells producers there is room; outside the lock, as they queue tasks. */
    private static void tell(Runnable[] waiting) {
        if (waiting != null) {
            for (Runnable waiter : waiting) {
                waiter.run();
            }
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
        wakeConsumer();
    }

    /** @param capacity the new limit on waiting entries; takes effect at once */
    public void capacity(int capacity) {
        Runnable[] room;
        lock.lock();
        try {
            this.capacity = Math.max(1, capacity);
            notFull.signalAll();
            room = takeRoomWaiters();
        } finally {
            lock.unlock();
        }
        tell(room);
    }

    /** @param byteCapacity the new limit on waiting bytes (estimated); takes effect at once */
    public void byteCapacity(long byteCapacity) {
        Runnable[] room;
        lock.lock();
        try {
            this.byteCapacity = Math.max(1, byteCapacity);
            notFull.signalAll();
            room = takeRoomWaiters();
        } finally {
            lock.unlock();
        }
        tell(room);
    }

    /** @return the limit on waiting bytes (estimated) */
    public long byteCapacity() {
        lock.lock();
        try {
            return byteCapacity;
        } finally {
            lock.unlock();
        }
    }

    /** @return the estimated bytes waiting now */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
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
        Runnable[] room;
        List<Batch> left;
        lock.lock();
        try {
            closed = true;
            left = new ArrayList<>(batches);
            batches.clear();
            batchBytes.clear();
            entries = 0;
            bytes = 0;
            notFull.signalAll();
            notEmpty.signalAll();
            room = takeRoomWaiters();
        } finally {
            lock.unlock();
        }
        tell(room);
        wakeConsumer();
        return left;
    }

    @Override
    public String toString() {
        return "Inbox[" + label + "]";
    }
}
