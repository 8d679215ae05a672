package io.weir.benchmarks.queue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * A bounded queue of event batches between two stages, as the runtime could build it. Each candidate
 * waits the way it would have to in the runtime: the lock-based ones park on a condition, the
 * lock-free ones spin briefly, then yield, then park for 10 µs (they have no way to be woken).
 * Waits give up when {@code stop} says so, so that a benchmark iteration can always end.
 */
public abstract class HandoffQueue {
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * @param batch the batch
     * @param stop  asked while waiting
     * @return false when it gave up
     */
    public abstract boolean put(List<Object> batch, BooleanSupplier stop);

    /**
     * @param stop asked while waiting
     * @return the oldest batch, or null when it gave up
     */
    public abstract List<Object> take(BooleanSupplier stop);

    /** The candidates. */
    public enum Kind {
        /** {@code java.util.concurrent.ArrayBlockingQueue} of batches, capacity in batches. */
        ArrayBlockingQueue,
        /** The design of the runtime's {@code Inbox}: a ReentrantLock, two conditions, an ArrayDeque of batches, capacity in events. */
        LockedArrayDeque,
        /** JCTools' single-producer single-consumer array queue of batches. */
        SpscArrayQueue,
        /** JCTools' multi-producer single-consumer array queue of batches. */
        MpscArrayQueue
    }

    /**
     * @param kind           the candidate
     * @param capacityEvents how many events may wait
     * @param batchSize      events per batch
     * @return a new queue
     */
    public static HandoffQueue create(Kind kind, int capacityEvents, int batchSize) {
        int batches = Math.max(2, capacityEvents / batchSize);
        switch (kind) {
            case ArrayBlockingQueue:
                return new Blocking(new ArrayBlockingQueue<>(batches));
            case LockedArrayDeque:
                return new LockedDeque(capacityEvents);
            case SpscArrayQueue:
                return new LockFree(new SpscArrayQueue<>(batches));
            case MpscArrayQueue:
                return new LockFree(new MpscArrayQueue<>(batches));
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private static final class Blocking extends HandoffQueue {
        private final ArrayBlockingQueue<List<Object>> queue;

        Blocking(ArrayBlockingQueue<List<Object>> queue) {
            this.queue = queue;
        }

        @Override
        public boolean put(List<Object> batch, BooleanSupplier stop) {
            try {
                while (!queue.offer(batch, WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                    if (stop.getAsBoolean()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public List<Object> take(BooleanSupplier stop) {
            try {
                List<Object> batch;
                while ((batch = queue.poll(WAIT_NANOS, TimeUnit.NANOSECONDS)) == null) {
                    if (stop.getAsBoolean()) {
                        return null;
                    }
                }
                return batch;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Mirrors the runtime's Inbox: capacity counted in events, a batch always fits an empty queue. */
    private static final class LockedDeque extends HandoffQueue {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private final Condition notFull = lock.newCondition();
        private final ArrayDeque<List<Object>> batches = new ArrayDeque<>();
        private final int capacity;
        private int entries;

        LockedDeque(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean put(List<Object> batch, BooleanSupplier stop) {
            lock.lock();
            try {
                while (entries > 0 && entries + batch.size() > capacity) {
                    if (stop.getAsBoolean()) {
                        return false;
                    }
                    notFull.awaitNanos(WAIT_NANOS);
                }
                batches.addLast(batch);
                entries += batch.size();
                notEmpty.signal();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public List<Object> take(BooleanSupplier stop) {
            lock.lock();
            try {
                while (batches.isEmpty()) {
                    if (stop.getAsBoolean()) {
                        return null;
                    }
                    notEmpty.awaitNanos(WAIT_NANOS);
                }
                List<Object> batch = batches.pollFirst();
                entries -= batch.size();
                notFull.signalAll();
                return batch;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class LockFree extends HandoffQueue {
        private static final int SPINS = 100;
        private static final int YIELDS = 100;
        private static final long PARK_NANOS = 10_000;
        private final java.util.Queue<List<Object>> queue;

        LockFree(java.util.Queue<List<Object>> queue) {
            this.queue = queue;
        }

        @Override
        public boolean put(List<Object> batch, BooleanSupplier stop) {
            int idle = 0;
            while (!queue.offer(batch)) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                idle = idle(idle);
            }
            return true;
        }

        @Override
        public List<Object> take(BooleanSupplier stop) {
            int idle = 0;
            List<Object> batch;
            while ((batch = queue.poll()) == null) {
                if (stop.getAsBoolean()) {
                    return null;
                }
                idle = idle(idle);
            }
            return batch;
        }

        private static int idle(int idle) {
            if (idle < SPINS) {
                Thread.onSpinWait();
            } else if (idle < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(PARK_NANOS);
                return idle;
            }
            return idle + 1;
        }
    }
}
