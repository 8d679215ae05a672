package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.runtime.internal.testing.Wait;

import org.junit.Test;

public class InboxTest {

    private static Batch batch(int size) {
        Batch batch = new Batch("in", size);
        for (int i = 0; i < size; i++) {
            batch.add(new Event(new EventId("s", 0, i, i), 0, (long) i, new java.util.HashMap<>()), null);
        }
        return batch;
    }

    @Test
    public void acceptsUpToItsCapacityAndThenMakesTheProducerWait() throws Exception {
        Inbox inbox = new Inbox("sink/x", 10);
        assertTrue(inbox.put(batch(6), () -> false));
        AtomicBoolean gaveUp = new AtomicBoolean();
        assertFalse("a full inbox makes the producer wait until it gives up", inbox.put(batch(6), () -> {
            gaveUp.set(true);
            return true;
        }));
        assertTrue(gaveUp.get());
        assertEquals(6, inbox.size());

        AtomicBoolean queued = new AtomicBoolean();
        Thread producer = new Thread(() -> queued.set(inbox.put(batch(6), () -> false)));
        producer.start();
        Wait.until("the producer waits", () -> producer.getState() == Thread.State.TIMED_WAITING);
        assertFalse(queued.get());
        assertEquals(6, inbox.poll(0).size());
        producer.join(5_000);
        assertTrue(queued.get());
        assertEquals(6, inbox.size());
    }

    @Test
    public void aWaitingProducerGetsInOnceThereIsRoomWhetherOrNotHalfTheInboxIsFree() throws Exception {
        Inbox inbox = new Inbox("sink/x", 8);
        for (int i = 0; i < 4; i++) {
            assertTrue(inbox.put(batch(2), () -> false));
        }
        AtomicBoolean queued = new AtomicBoolean();
        Thread producer = new Thread(() -> queued.set(inbox.put(batch(2), () -> false)));
        producer.start();
        Wait.until("the producer waits", () -> producer.getState() == Thread.State.TIMED_WAITING);
        // 6 of 8 left: room for the batch, though producers are signalled only at half; it finds the room itself.
        assertEquals(2, inbox.poll(0).size());
        producer.join(5_000);
        assertTrue(queued.get());
        assertEquals(8, inbox.size());

        AtomicBoolean second = new AtomicBoolean();
        Thread next = new Thread(() -> second.set(inbox.put(batch(2), () -> false)));
        next.start();
        Wait.until("the next producer waits", () -> next.getState() == Thread.State.TIMED_WAITING);
        assertEquals(2, inbox.poll(0).size());
        assertEquals(2, inbox.poll(0).size());
        next.join(5_000);
        assertTrue(second.get());
        assertEquals(6, inbox.size());
    }

    @Test
    public void anEmptyInboxTakesABatchLargerThanItsCapacity() {
        Inbox inbox = new Inbox("sink/x", 2);
        assertTrue(inbox.put(batch(5), () -> true));
        assertEquals(5, inbox.size());
    }

    @Test
    public void pollWaitsAtMostItsTimeoutAndWakeEndsTheWait() throws Exception {
        Inbox inbox = new Inbox("sink/x", 10);
        long start = System.nanoTime();
        assertNull(inbox.poll(20_000_000L));
        assertTrue(System.nanoTime() - start >= 19_000_000L);

        Thread waker = new Thread(() -> {
            Wait.until("someone waits", () -> inbox.size() == 0);
            inbox.wake();
        });
        waker.start();
        start = System.nanoTime();
        assertNull(inbox.poll(10_000_000_000L));
        assertTrue("woken long before the timeout", System.nanoTime() - start < 5_000_000_000L);
        waker.join();
    }

    @Test
    public void requeuedBatchesGoAheadOfEverythingInTheirOrderWhateverTheCapacity() {
        Inbox inbox = new Inbox("sink/x", 4);
        Batch queued = batch(4);
        assertTrue(inbox.put(queued, () -> false));
        Batch first = batch(2);
        Batch second = batch(3);
        assertTrue(inbox.requeue(java.util.List.of(first, second)));
        assertEquals(9, inbox.size());
        assertSame(first, inbox.poll(0));
        assertSame(second, inbox.poll(0));
        assertSame(queued, inbox.poll(0));
        inbox.close();
        assertFalse("a closed inbox refuses them", inbox.requeue(java.util.List.of(batch(1))));
    }

    @Test
    public void closingRefusesProducersAndReturnsWhatWasWaiting() {
        Inbox inbox = new Inbox("sink/x", 10);
        Batch waiting = batch(3);
        inbox.put(waiting, () -> false);
        List<Batch> left = inbox.close();
        assertEquals(1, left.size());
        assertSame(waiting, left.get(0));
        assertFalse(inbox.put(batch(1), () -> false));
        assertNull(inbox.poll(0));
    }

    @Test
    public void aLargerCapacityLetsAWaitingProducerIn() throws Exception {
        Inbox inbox = new Inbox("sink/x", 4);
        inbox.put(batch(4), () -> false);
        AtomicBoolean queued = new AtomicBoolean();
        Thread producer = new Thread(() -> queued.set(inbox.put(batch(4), () -> false)));
        producer.start();
        Wait.until("the producer waits", () -> producer.getState() == Thread.State.TIMED_WAITING);
        inbox.capacity(8);
        producer.join(5_000);
        assertTrue(queued.get());
        assertEquals(8, inbox.size());
    }

    @Test
    public void aFailedBatchFailsEveryTokenOnceAndSkipsStreamEnds() {
        io.weir.runtime.internal.testing.FakeSource source = new io.weir.runtime.internal.testing.FakeSource();
        SourceAcks acks = new SourceAcks("s", new io.weir.runtime.internal.stats.Counters());
        acks.target(source);
        Batch batch = new Batch("in", 4);
        Token token = new Token(new EventId("s", 0, 0, 17), acks);
        token.retain(1);
        batch.add(new Event(token.id(), 0, 1L, new java.util.HashMap<>()), token);
        batch.addStreamEnd(new StreamEnd("s", 0));
        token.release(true);
        assertEquals(1, batch.failAll());
        assertEquals(0, token.count());
        assertEquals(List.of(17L), source.failed);
        assertTrue(source.acked.isEmpty());
    }

    private static Batch texts(int size, int length) {
        Batch batch = new Batch("in", size);
        for (int i = 0; i < size; i++) {
            batch.add(new Event(new EventId("s", 0, i, i), 0, "x".repeat(length), new java.util.HashMap<>()), null);
        }
        return batch;
    }

    @Test
    public void theByteBoundHoldsAProducerBackBeforeTheEventBound() throws Exception {
        long oneBatch = EventSize.estimate(texts(4, 1000));
        Inbox inbox = new Inbox("sink/x", 1000, oneBatch * 2);
        assertTrue(inbox.put(texts(4, 1000), () -> false));
        assertTrue(inbox.put(texts(4, 1000), () -> false));
        assertEquals(2 * oneBatch, inbox.bytes());
        assertFalse("full in bytes with 8 of 1000 events", inbox.put(texts(4, 1000), () -> true));

        AtomicBoolean queued = new AtomicBoolean();
        Thread producer = new Thread(() -> queued.set(inbox.put(texts(4, 1000), () -> false)));
        producer.start();
        Wait.until("the producer waits", () -> producer.getState() == Thread.State.TIMED_WAITING);
        assertFalse(queued.get());
        assertEquals(4, inbox.poll(0).size());
        producer.join(5_000);
        assertTrue("taking a batch gave its bytes back", queued.get());
        assertEquals(2 * oneBatch, inbox.bytes());
        inbox.poll(0);
        inbox.poll(0);
        assertEquals(0, inbox.bytes());
        assertEquals(0, inbox.size());
    }

    @Test
    public void anEmptyInboxTakesABatchLargerThanItsByteBound() {
        Inbox inbox = new Inbox("sink/x", 1000, 1024);
        assertTrue(inbox.put(texts(8, 10_000), () -> true));
        assertEquals(EventSize.estimate(texts(8, 10_000)), inbox.bytes());
        assertFalse(inbox.put(texts(1, 1), () -> true));
    }

    @Test
    public void requeuedBatchesCountTheirBytesAndClosingForgetsThem() {
        Inbox inbox = new Inbox("sink/x", 1000, 1024);
        Batch first = texts(2, 2000);
        Batch second = texts(3, 10);
        assertTrue(inbox.requeue(List.of(first, second)));
        assertEquals(EventSize.estimate(first) + EventSize.estimate(second), inbox.bytes());
        assertSame(first, inbox.poll(0));
        assertEquals(EventSize.estimate(second), inbox.bytes());
        inbox.close();
        assertEquals(0, inbox.bytes());
    }

    @Test
    public void aLargerByteBoundLetsAWaitingProducerIn() throws Exception {
        long oneBatch = EventSize.estimate(texts(4, 1000));
        Inbox inbox = new Inbox("sink/x", 1000, oneBatch);
        inbox.put(texts(4, 1000), () -> false);
        AtomicBoolean queued = new AtomicBoolean();
        Thread producer = new Thread(() -> queued.set(inbox.put(texts(4, 1000), () -> false)));
        producer.start();
        Wait.until("the producer waits", () -> producer.getState() == Thread.State.TIMED_WAITING);
        inbox.byteCapacity(oneBatch * 2);
        producer.join(5_000);
        assertTrue(queued.get());
        assertEquals(8, inbox.size());
    }

    @Test
    public void withoutAByteBoundOnlyTheEventCountLimits() {
        Inbox inbox = new Inbox("sink/x", 8);
        assertEquals(Long.MAX_VALUE, inbox.byteCapacity());
        assertTrue(inbox.put(texts(4, 100_000), () -> true));
        assertTrue(inbox.put(texts(4, 100_000), () -> true));
        assertFalse(inbox.put(texts(1, 1), () -> true));
    }
}
