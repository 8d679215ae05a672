package io.weir.connector.tcp.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class HandoffTest {
    private final Handoff handoff = new Handoff(8, 16);
    private final AtomicInteger wakeUps = new AtomicInteger();

    /** Fills every buffer, as the I/O thread does until it must stall. */
    private void fill() {
        handoff.onRoom(wakeUps::incrementAndGet);
        for (int i = 0; handoff.hasRoom(); i++) {
            handoff.data(1, i, handoff.buffer(), 4, Map.of());
        }
        assertTrue("no room left: the I/O thread stalls", handoff.stall());
    }

    @Test
    public void aStalledReaderIsWokenOnceAQuarterOfTheBuffersIsFree() {
        fill();
        List<Handoff.Item> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(handoff.poll());
        }
        handoff.release(taken.get(0).data());
        assertEquals("one free buffer of eight does not wake it", 0, wakeUps.get());
        handoff.release(taken.get(1).data());
        assertEquals("two of eight do", 1, wakeUps.get());
        handoff.release(taken.get(2).data());
        assertEquals("once per stall", 1, wakeUps.get());
        assertFalse("room now: no stall", handoff.stall());
    }

    @Test
    public void aStalledReaderIsWokenWhenEverythingReadWasTaken() {
        Handoff small = new Handoff(1, 16);
        small.onRoom(wakeUps::incrementAndGet);
        small.data(1, 0, small.buffer(), 4, Map.of());
        assertTrue(small.stall());
        Handoff.Item item = small.poll();
        assertNotNull(item);
        assertNull(small.poll());
        small.release(item.data());
        assertEquals(1, wakeUps.get());
    }

    @Test
    public void theLastReleaseWakesTheReaderWhateverTheThreshold() {
        fill();
        Handoff.Item item;
        List<byte[]> buffers = new ArrayList<>();
        while ((item = handoff.poll()) != null) {
            buffers.add(item.data());
        }
        // Everything read was taken: the first buffer given back wakes the reader.
        handoff.release(buffers.get(0));
        assertEquals(1, wakeUps.get());
    }
}
