package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Random;

import org.junit.Test;

public class LongRingTest {

    @Test
    public void behavesLikeADequeThroughGrowthAndWrapping() {
        LongRing ring = new LongRing();
        ArrayDeque<Long> expected = new ArrayDeque<>();
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            int op = random.nextInt(3);
            if (op == 0) {
                ring.addLast(i);
                expected.addLast((long) i);
            } else if (op == 1) {
                ring.addFirst(-i);
                expected.addFirst((long) -i);
            } else if (!expected.isEmpty()) {
                assertEquals((long) expected.pollFirst(), ring.pollFirst());
            }
            assertEquals(expected.size(), ring.size());
        }
        while (!expected.isEmpty()) {
            assertEquals((long) expected.pollFirst(), ring.pollFirst());
        }
    }

    @Test
    public void clearEmptiesItAndAnEmptyRingRefusesToPoll() {
        LongRing ring = new LongRing();
        ring.addLast(1);
        ring.addLast(2);
        ring.clear();
        assertEquals(0, ring.size());
        try {
            ring.pollFirst();
            fail("polled an empty ring");
        } catch (NoSuchElementException expected) {
            // the caller's bookkeeping is wrong: say so
        }
        ring.addFirst(3);
        assertEquals(3, ring.pollFirst());
    }
}
