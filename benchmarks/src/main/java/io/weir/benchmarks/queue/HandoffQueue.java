package io.weir.benchmarks.queue;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import io.weir.runtime.internal.manager.Batch;
import io.weir.runtime.internal.manager.Inbox;

/**
 * A bounded queue of the runtime's event {@link Batch}es between two stages. Each candidate waits the
 * way it would have to in the runtime: the lock-based ones park on a condition, the lock-free ones
 * spin briefly, then yield, then park for 10 µs (nothing can wake them). Waits give up when
 * {@code stop} says so, so that a benchmark iteration can always end.
 */
public abstract class HandoffQueue {
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * @param batch the batch
     * @param stop  asked while waiting
     * @return false when it gave up
     */
    public abstract boolean put(Batch batch, BooleanSupplier stop);

    /**
     * @param stop asked while waiting
     * @return the oldest batch, or null when it gave up
     */
    public abstract Batch take(BooleanSupplier stop);

    /** The candidates. */
    public enum Kind {
        /** The runtime's own {@link Inbox}: a lock, two conditions, an ArrayDeque of batches, capacity in events. */
        RuntimeInbox,
        /** {@code java.util.concurrent.ArrayBlockingQueue} of batches, capacity in batches. */
        ArrayBlockingQueue,
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
            case RuntimeInbox:
                return new RuntimeInbox(new Inbox("benchmark", capacityEvents));
            case ArrayBlockingQueue:
                return new Blocking(new ArrayBlockingQueue<>(batches));
            case SpscArrayQueue:
                return new LockFree(new SpscArrayQueue<>(batches));
            case MpscArrayQueue:
                return new LockFree(new MpscArrayQueue<>(batches));
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private static final class RuntimeInbox extends HandoffQueue {
        private final Inbox inbox;

        RuntimeInbox(Inbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public boolean put(Batch batch, BooleanSupplier stop) {
            return inbox.put(batch, stop);
        }

        @Override
        public Batch take(BooleanSupplier stop) {
            Batch batch;
            while ((batch = inbox.poll(WAIT_NANOS)) == null) {
                if (stop.getAsBoolean()) {
                    return null;
                }
            }
            return batch;
        }
    }

    private static final class Blocking extends HandoffQueue {
        private final ArrayBlockingQueue<Batch> queue;

        Blocking(ArrayBlockingQueue<Batch> queue) {
            this.queue = queue;
        }

        @Override
        public boolean put(Batch batch, BooleanSupplier stop) {
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
        public Batch take(BooleanSupplier stop) {
            try {
                Batch batch;
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

    private static final class LockFree extends HandoffQueue {
        private static final int SPINS = 100;
        private static final int YIELDS = 100;
        private static final long PARK_NANOS = 10_000;
        private final Queue<Batch> queue;

        LockFree(Queue<Batch> queue) {
            this.queue = queue;
        }

        @Override
        public boolean put(Batch batch, BooleanSupplier stop) {
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
        public Batch take(BooleanSupplier stop) {
            int idle = 0;
            Batch batch;
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
