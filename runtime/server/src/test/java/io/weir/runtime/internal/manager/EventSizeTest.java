package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;

import org.junit.Test;

public class EventSizeTest {

    private static Event event(Object value) {
        return new Event(new EventId("s", 0, 0, 0), 0, value, new HashMap<>());
    }

    @Test
    public void scalarsCountWhatTheyHold() {
        assertEquals(0, EventSize.value(null, 0));
        assertEquals(0, EventSize.value(true, 0));
        assertEquals(16, EventSize.value(42L, 0));
        assertEquals(16, EventSize.value(4.2, 0));
        assertEquals(40, EventSize.value("", 0));
        assertEquals(40 + 8, EventSize.value("abc", 0));
        assertEquals(40 + 16, EventSize.value("0123456789", 0));
        assertEquals(16 + 104, EventSize.value(new byte[100], 0));
    }

    @Test
    public void aMapCountsItselfItsEntriesAndTheirValuesButNotItsFieldNames() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1L);
        map.put("b", "text");
        assertEquals(64 + 2 * 8 + (40 + 16) + (40 + 48), EventSize.value(map, 0));
        Map<String, Object> renamed = new LinkedHashMap<>();
        renamed.put("a much longer field name", 1L);
        renamed.put("b", "text");
        assertEquals(EventSize.value(map, 0), EventSize.value(renamed, 0));
    }

    /** The array maps decoders make (and the JDK's immutable maps) have no node per member. */
    @Test
    public void aMapWithoutNodesCountsItselfAndItsValues() {
        Map<String, Object> map = Map.of("a", 1L, "b", "text");
        assertEquals(64 + 2 * 8 + 16 + 48, EventSize.value(map, 0));
        assertEquals(64 + 2 * 8 + 2 * 40 + 16 + 48, EventSize.value(new TreeMap<>(map), 0));
    }

    @Test
    public void nestedValuesAddUp() {
        List<Object> list = new ArrayList<>(List.of("x", 1L));
        Map<String, Object> inner = new HashMap<>(Map.of("l", list));
        long listSize = 40 + 2 * 4 + 48 + 16;
        assertEquals(listSize, EventSize.value(list, 0));
        assertEquals(64 + 8 + 40 + listSize, EventSize.value(inner, 0));
    }

    @Test
    public void largeMapsAndListsAreMeasuredOnASampleAndScaled() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            map.put("k" + i, "0123456789");
            list.add("0123456789");
        }
        assertEquals(64 + 8 * 1000 + 1000 * (40 + 56), EventSize.value(map, 0));
        assertEquals(40 + 4 * 1000 + 1000 * 56, EventSize.value(list, 0));
    }

    @Test
    public void nestingDeeperThanTheLimitCountsAsAReference() {
        Object deep = "leaf";
        for (int i = 0; i < 1000; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        long size = EventSize.value(deep, 0);
        assertEquals(EventSize.MAX_DEPTH * (40 + 4) + 16, size);
    }

    @Test
    public void anEventAddsItsOverheadAndItsMetadata() {
        assertEquals(EventSize.EVENT_OVERHEAD + 16, EventSize.of(event(1L)));
        Event withMeta = event(1L);
        withMeta.meta().put("peer", "127.0.0.1");
        assertEquals(EventSize.EVENT_OVERHEAD + 16 + 64 + 8 + 40 + 56, EventSize.of(withMeta));
    }

    @Test
    public void aBatchIsEstimatedFromSomeOfItsEventsAndScaled() {
        Batch alike = new Batch("in", 64);
        for (int i = 0; i < 64; i++) {
            alike.add(event("0123456789"), null);
        }
        assertEquals(64 * EventSize.of(event("0123456789")), EventSize.estimate(alike));
        assertEquals(0, EventSize.estimate(new Batch("in", 4)));

        Batch mixed = new Batch("in", 4);
        mixed.add(event(1L), null);
        mixed.add(event(1L), null);
        mixed.add(event("x".repeat(1000)), null);
        mixed.add(event("x".repeat(1000)), null);
        // The first event and the one in the middle are measured.
        assertEquals(2 * (EventSize.of(event(1L)) + EventSize.of(event("x".repeat(1000)))), EventSize.estimate(mixed));

        Batch ends = new Batch("in", 2);
        ends.addStreamEnd(new StreamEnd("s", 0));
        ends.addStreamEnd(new StreamEnd("s", 1));
        assertTrue(EventSize.estimate(ends) >= 2);
    }
}
