package io.weir.runtime.internal.lifecycle.heap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The id map grows, finds and never mistakes the null id for a key. */
public class LongIntMapTest {

    @Test
    public void putGetGrowAndTheNullId() {
        LongIntMap map = new LongIntMap(4);
        assertFalse("id 0 is never a key", map.contains(0));
        for (long id = 1; id <= 10_000; id++) {
            map.put(id * 0x1_0000_0001L, (int) id);
        }
        assertEquals(10_000, map.size());
        assertEquals(1234, map.get(1234 * 0x1_0000_0001L));
        assertEquals(-1, map.get(10_001 * 0x1_0000_0001L));
        map.put(0, 5);
        assertFalse(map.contains(0));
        map.put(7 * 0x1_0000_0001L, 70);
        assertEquals(70, map.get(7 * 0x1_0000_0001L));
        assertEquals(10_000, map.size());
        map.clear();
        assertTrue(map.size() == 0 && !map.contains(1234 * 0x1_0000_0001L));
    }
}
