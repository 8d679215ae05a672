package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

public class WorkersTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A limit the test never reaches, so that only the feature it checks can make it pass. */
    private static final long NEVER = TimeUnit.HOURS.toNanos(1);

    private final List<Workers> pools = new ArrayList<>();

    private Workers pool(int parallelism) {
        return pool(new Workers(parallelism, "test-worker"));
    }

    private Workers pool(Workers workers) {
        pools.add(workers);
        return workers;
    }

    @After
    public void close() {
        pools.forEach(Workers::close);
    }

    /** @return a task whose slice is {@code slice}, which says whether it has more work at once */
    private static Workers.Task task(Workers workers, BooleanSupplier slice) {
        return new Workers.Task(workers) {
            @Override
            protected boolean runSlice() {
                return slice.getAsBoolean();
            }
        };
    }

    /** A task that, each slice, does all the work asked for so far and then waits to be scheduled again. */
    private static final class Counter extends Workers.Task {
        final AtomicLong wanted = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        final AtomicInteger running = new AtomicInteger();
        volatile boolean overlapped;

        Counter(Workers pool) {
            super(pool);
        }

        void add() {
            wanted.incrementAndGet();
            schedule();
        }

        @Override
        protected boolean runSlice() {
            if (running.incrementAndGet() != 1) {
                overlapped = true;
            }
            done.set(wanted.get());
            // Long enough for a second run of the slice, were there one, to overlap this one.
            for (int i = 0; i < 100; i++) {
                Thread.onSpinWait();
            }
            running.decrementAndGet();
            return false;
        }
    }

    @Test
    public void workScheduledWhileATaskRunsIsNeverLostAndNoTaskRunsTwiceAtOnce() throws Exception {
        Workers workers = pool(2);
        List<Counter> counters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            counters.add(new Counter(workers));
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Thread producer = new Thread(() -> {
                for (int n = 0; n < 20_000; n++) {
                    for (Counter counter : counters) {
                        counter.add();
                    }
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        // A slice asks for nothing more: if a schedule made while a slice ran were lost, the last work would wait
        // for ever. The workers park for 100 ms at most, so the deadline is far beyond any honest delay.
        for (Counter counter : counters) {
            Wait.until("a task did all the work asked of it", () -> counter.done.get() == 80_000);
            assertTrue("two workers ran the same task at once", !counter.overlapped);
        }
    }

    @Test
    public void aTaskThatSaysItHasMoreWorkRunsAgainAtOnce() throws Exception {
        Workers workers = pool(1);
        AtomicInteger slices = new AtomicInteger();
        Workers.Task task = task(workers, () -> slices.incrementAndGet() < 1_000);
        task.schedule();
        Wait.until("a thousand slices", () -> slices.get() == 1_000);
    }

    @Test
    public void aTaskWaitingForATimeRunsOnceItCameAndNotBefore() throws Exception {
        Workers workers = pool(1);
        AtomicLong ranAt = new AtomicLong();
        Workers.Task task = task(workers, () -> {
            ranAt.set(System.nanoTime());
            return false;
        });
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
        task.wakeAt(at);
        Wait.until("the timer queued the task", () -> ranAt.get() != 0);
        assertTrue("ran " + (at - ranAt.get()) + " ns early", ranAt.get() - at >= 0);
    }

    /** A wait in a slice, as the pool sees it: {@code stuck} counts down once it began, {@code release} ends it. */
    @FunctionalInterface
    private interface SliceWait {
        void run(Workers workers, CountDownLatch stuck, CountDownLatch release) throws InterruptedException;
    }

    /**
     * Runs a task whose slice waits as {@code wait} does on a pool of one worker, and checks that another task
     * runs meanwhile on a worker that took its place, and that the pool is back to one worker on duty after.
     */
    private void otherTasksGoOnWhileASliceWaits(Workers workers, SliceWait wait) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        Workers.Task waiting = new Workers.Task(workers) {
            @Override
            protected boolean runSlice() {
                try {
                    wait.run(workers, stuck, release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
        };
        waiting.schedule();
        assertTrue(stuck.await(5, TimeUnit.SECONDS));
        Counter other = new Counter(workers);
        other.add();
        Wait.until("another task ran while the first waited", () -> other.done.get() == 1);
        assertEquals("the waiting worker and the one that took its place", 2, workers.threads());
        release.countDown();
        // Back from its wait, one worker is one too many on duty: it waits as a spare.
        Wait.until("one worker on duty again", () -> workers.onDuty() == 1);
    }

    @Test
    public void aWorkerStuckInASliceIsReplacedSoOtherTasksGoOn() throws Exception {
        // A plugin call that does not return, as far as the pool can tell: the monitor finds it. The timer went
        // quiet before (for longer than the test waits): the slice's start wakes it.
        Workers workers = pool(new Workers(1, "test-worker", 10 * MS, MS, NEVER));
        otherTasksGoOnWhileASliceWaits(workers, (pool, stuck, release) -> {
            stuck.countDown();
            release.await();
        });
    }

    @Test
    public void aWaitTheTaskAnnouncesIsCoveredAtOnce() throws Exception {
        // The monitor never finds the wait: only announcing it gets another worker.
        Workers workers = pool(new Workers(1, "test-worker", NEVER, MS, NEVER));
        otherTasksGoOnWhileASliceWaits(workers, (pool, stuck, release) -> pool.blocking(() -> {
            stuck.countDown();
            release.await();
        }));
    }

    @Test
    public void anInterruptLeftByASliceDoesNotReachTheNextTask() throws Exception {
        Workers workers = pool(1);
        AtomicInteger seen = new AtomicInteger(-1);
        Workers.Task next = new Workers.Task(workers) {
            @Override
            protected boolean runSlice() {
                seen.set(Thread.currentThread().isInterrupted() ? 1 : 0);
                return false;
            }
        };
        Workers.Task interrupted = new Workers.Task(workers) {
            @Override
            protected boolean runSlice() {
                // A plugin that restores the flag, or a stop that timed out, leaves it set when the slice ends.
                Thread.currentThread().interrupt();
                next.schedule();
                return false;
            }
        };
        interrupted.schedule();
        Wait.until("the next task ran", () -> seen.get() >= 0);
        assertEquals("the next task on the same worker saw the interrupt", 0, seen.get());
    }

    @Test
    public void aTaskHandedDataRunsNextOnTheSameWorker() throws Exception {
        Workers workers = pool(2);
        AtomicReference<Thread> consumedOn = new AtomicReference<>();
        AtomicReference<Thread> producedOn = new AtomicReference<>();
        Workers.Task consumer = new Workers.Task(workers) {
            @Override
            protected boolean runSlice() {
                consumedOn.set(Thread.currentThread());
                return false;
            }
        };
        Workers.Task producer = new Workers.Task(workers) {
            @Override
            protected boolean runSlice() {
                producedOn.set(Thread.currentThread());
                consumer.scheduleHere();
                // The rest of the slice, shorter than what makes the monitor share the consumer: another worker,
                // idle and spinning, must not take it meanwhile.
                long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(200);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return false;
            }
        };
        int here = 0;
        for (int i = 0; i < 20; i++) {
            consumedOn.set(null);
            producer.schedule();
            Wait.until("the consumer ran", () -> consumedOn.get() != null);
            if (producedOn.get() == consumedOn.get()) {
                here++;
            }
        }
        // A preempted slice may outlast the monitor's limit and share the consumer; through the run queue the
        // other worker, spinning or woken, would take it nearly every time.
        assertTrue("the consumer ran on the producer's worker " + here + " times of 20", here >= 15);
    }

    /**
     * On a pool of {@code parallelism} workers, a producer hands a consumer data with {@link Workers.Task#scheduleHere}
     * and then goes on in its slice as {@code after} does (given the latch the consumer counts down), which returns
     * whether the consumer ran meanwhile; that must be so.
     */
    private void consumerRunsWhileTheProducerGoesOn(Workers workers, String what,
            BiFunction<Workers, CountDownLatch, Boolean> after) throws Exception {
        CountDownLatch consumed = new CountDownLatch(1);
        Workers.Task consumer = task(workers, () -> {
            consumed.countDown();
            return false;
        });
        AtomicInteger sawConsumer = new AtomicInteger(-1);
        Workers.Task producer = new Workers.Task(workers) {
            @Override
            protected boolean runSlice() {
                consumer.scheduleHere();
                sawConsumer.set(after.apply(workers, consumed) ? 1 : 0);
                return false;
            }
        };
        producer.schedule();
        Wait.until("the producer's slice ended", () -> sawConsumer.get() >= 0);
        assertEquals(what, 1, sawConsumer.get());
    }

    @Test
    public void aTaskHandedDataDoesNotWaitForALongSlice() throws Exception {
        // A slow step after the hand-over, busy rather than blocked: the other worker takes the consumer. The
        // producer's worker is never taken for stuck: only giving the consumer away lets it run.
        String what = "the consumer ran during the producer's long slice";
        Workers pool = pool(new Workers(2, "test-worker", NEVER, MS, NEVER));
        consumerRunsWhileTheProducerGoesOn(pool, what, (workers, consumed) -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (consumed.getCount() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return consumed.getCount() == 0;
        });
    }

    @Test
    public void aTaskHandedDataGoesToAnotherWorkerWhenTheProducerBlocks() throws Exception {
        // A source waiting for data right after it handed some on: the consumer must not wait for it. The monitor
        // never finds the wait nor gives the consumer away: only announcing the wait does.
        Workers pool = pool(new Workers(1, "test-worker", NEVER, NEVER, NEVER));
        consumerRunsWhileTheProducerGoesOn(pool, "the consumer ran while the producer waited", (workers, consumed) -> {
            AtomicInteger ran = new AtomicInteger();
            try {
                workers.blocking(() -> ran.set(consumed.await(5, TimeUnit.SECONDS) ? 1 : 0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ran.get() == 1;
        });
    }

    @Test
    public void closingEndsTheWorkers() throws Exception {
        Workers workers = pool(2);
        Counter counter = new Counter(workers);
        counter.add();
        Wait.until("the task ran", () -> counter.done.get() == 1);
        workers.close();
        Wait.until("every worker ended", () -> workers.threads() == 0);
    }
}
