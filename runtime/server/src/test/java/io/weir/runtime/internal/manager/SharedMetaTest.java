package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.junit.Test;

public class SharedMetaTest {
    private final Map<String, Object> shared = Collections.unmodifiableMap(new HashMap<>(Map.of("peer", "a", "port", 1L)));

    @Test
    public void readsSeeTheSharedMap() {
        SharedMeta meta = new SharedMeta(shared);
        assertEquals(2, meta.size());
        assertFalse(meta.isEmpty());
        assertEquals("a", meta.get("peer"));
        assertEquals("x", meta.getOrDefault("missing", "x"));
        assertTrue(meta.containsKey("port"));
        assertTrue(meta.containsValue(1L));
        assertEquals(shared, meta);
        assertEquals(meta, shared);
        assertEquals(shared.hashCode(), meta.hashCode());
        Map<String, Object> seen = new HashMap<>();
        meta.forEach(seen::put);
        assertEquals(shared, seen);
    }

    @Test
    public void aChangeIsTheEventsOwnAndLeavesTheSharedMapAlone() {
        SharedMeta first = new SharedMeta(shared);
        SharedMeta second = new SharedMeta(shared);
        first.put("error", "bad");
        first.remove("port");
        assertEquals(Map.of("peer", "a", "error", "bad"), first);
        assertEquals(Map.of("peer", "a", "port", 1L), second);
        assertEquals(Map.of("peer", "a", "port", 1L), shared);
        first.clear();
        assertTrue(first.isEmpty());
        assertEquals(2, second.size());
    }

    @Test
    public void everyWayToChangeItCopiesFirst() {
        SharedMeta meta = new SharedMeta(shared);
        meta.merge("port", 1L, (a, b) -> (Long) a + (Long) b);
        meta.computeIfAbsent("n", k -> 7L);
        meta.computeIfPresent("n", (k, v) -> (Long) v + 1);
        meta.compute("c", (k, v) -> "new");
        meta.putIfAbsent("peer", "ignored");
        meta.replace("c", "newer");
        meta.replace("c", "newer", "newest");
        meta.putAll(Map.of("d", true));
        assertEquals(Map.of("peer", "a", "port", 2L, "n", 8L, "c", "newest", "d", true), meta);
        meta.replaceAll((k, v) -> k);
        assertTrue(meta.remove("d", "d"));
        assertEquals(Map.of("peer", "peer", "port", "port", "n", "n", "c", "c"), meta);
        assertEquals(Map.of("peer", "a", "port", 1L), shared);
    }

    @Test
    public void theViewsChangeTheEventsOwnCopy() {
        SharedMeta meta = new SharedMeta(shared);
        Iterator<Map.Entry<String, Object>> entries = meta.entrySet().iterator();
        Map.Entry<String, Object> entry = entries.next();
        entries.remove();
        assertEquals(1, meta.size());
        meta.entrySet().iterator().next().setValue("changed");
        assertEquals(Map.of(entry.getKey().equals("peer") ? "port" : "peer", "changed"), meta);
        meta.keySet().clear();
        assertTrue(meta.isEmpty());
        assertTrue(meta.values().isEmpty());
        assertEquals(2, shared.size());
    }

    @Test
    public void emptySharedMetadataTakesChanges() {
        SharedMeta meta = new SharedMeta(Map.of());
        assertTrue(meta.isEmpty());
        assertNull(meta.get("x"));
        meta.put("x", 1L);
        assertEquals(Map.of("x", 1L), meta);
        assertEquals("{x=1}", meta.toString());
    }
}
