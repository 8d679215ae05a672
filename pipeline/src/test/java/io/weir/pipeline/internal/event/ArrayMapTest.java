package io.weir.pipeline.internal.event;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

/**
 * What the contract tests cannot see: key arrays shared between maps, and the index of large maps, both
 * against {@link LinkedHashMap} doing the same.
 */
public class ArrayMapTest {
    @Test
    public void putNextOnSharedKeysTakesTheSameArray() {
        ArrayMap<String, Object> first = map("a", "b", "c");
        Object[] keys = first.shareKeys();
        ArrayMap<String, Object> next = ArrayMap.sharingKeys(keys);
        next.putNext("a", 1);
        next.putNext("b", 2);
        next.putNext("c", 3);
        assertSame(keys, next.shareKeys());
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(next.keySet()));
        assertEquals(List.of(1, 2, 3), new ArrayList<>(next.values()));
    }

    @Test
    public void aMapChangingSharedKeysLeavesTheOtherMapAlone() {
        ArrayMap<String, Object> first = map("a", "b", "c");
        ArrayMap<String, Object> next = ArrayMap.sharingKeys(first.shareKeys());
        next.putNext("a", 1);
        next.putNext("b", 2);
        next.putNext("c", 3);
        next.remove("a");
        next.put("d", 4);
        first.put("e", 5);
        first.remove("b");
        assertEquals(List.of("b", "c", "d"), new ArrayList<>(next.keySet()));
        assertEquals(List.of("a", "c", "e"), new ArrayList<>(first.keySet()));
        assertEquals(List.of(2, 3, 4), new ArrayList<>(next.values()));
    }

    @Test
    public void mapsChangedAlikeShareTheChangedKeysAndStillDoNotSeeEachOther() {
        Object[] keys = map("ts", "level", "msg").shareKeys();
        List<ArrayMap<String, Object>> maps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ArrayMap<String, Object> event = ArrayMap.sharingKeys(keys);
            event.putNext("ts", i);
            event.putNext("level", "info");
            event.putNext("msg", "m" + i);
            // A rename and a field set, as the fields operator does them.
            event.put("severity", event.remove("level"));
            event.put("proc", "weir");
            maps.add(event);
        }
        ArrayMap<String, Object> first = maps.get(0);
        ArrayMap<String, Object> second = maps.get(1);
        assertSame("one derived key array for both", first.shareKeys(), second.shareKeys());
        second.remove("ts");
        second.put("extra", 1);
        assertEquals(List.of("ts", "msg", "severity", "proc"), new ArrayList<>(first.keySet()));
        assertEquals(List.of(0, "m0", "info", "weir"), new ArrayList<>(first.values()));
        assertEquals(List.of("msg", "severity", "proc", "extra"), new ArrayList<>(second.keySet()));
        assertEquals(List.of("m1", "info", "weir", 1), new ArrayList<>(second.values()));
    }

    @Test
    public void aMapGrowingPastItsSharedKeysTakesKeysOfItsOwn() {
        // A decoder's first record: its template has no keys, and the map is built key by key.
        ArrayMap<String, Object> built = ArrayMap.sharingKeys(new ArrayMap<String, Object>(0).shareKeys());
        for (int i = 0; i < 1000; i++) {
            built.putNext(("k" + i).intern(), i);
        }
        assertFalse("grown geometrically in an array of its own, not derived key by key", built.sharesKeys());
        assertEquals(1000, built.size());
        assertEquals(999, built.get("k999"));
    }

    @Test
    public void aWideSharedArrayIsCopiedNotDerived() {
        ArrayMap<String, Object> template = new ArrayMap<>();
        for (int i = 0; i <= KeyTransitions.MAX_LENGTH; i++) {
            template.put(("w" + i).intern(), i);
        }
        Object[] keys = template.shareKeys();
        ArrayMap<String, Object> wide = ArrayMap.sharingKeys(keys);
        for (int i = 0; i <= KeyTransitions.MAX_LENGTH; i++) {
            wide.putNext(("w" + i).intern(), i);
        }
        wide.remove("w0");
        assertFalse("the table keeps no array this long", wide.sharesKeys());
        assertEquals(KeyTransitions.MAX_LENGTH, wide.size());
    }

    @Test
    public void keysThatAreNotAllStringsAreCopiedNotShared() {
        ArrayMap<Object, Object> template = new ArrayMap<>();
        template.put(1, "one");
        template.put("two", 2);
        Object[] keys = template.shareKeys();
        ArrayMap<Object, Object> first = ArrayMap.sharingKeys(keys);
        ArrayMap<Object, Object> second = ArrayMap.sharingKeys(keys);
        for (ArrayMap<Object, Object> map : List.of(first, second)) {
            map.putNext(1, "one");
            map.putNext("two", 2);
            map.remove("two");
            map.put("three", 3);
        }
        assertNotSame("a key of a plugin's class is kept in no table", first.shareKeys(), second.shareKeys());
        assertEquals(List.of(1, "three"), new ArrayList<>(first.keySet()));
        ArrayMap<Object, Object> nulls = ArrayMap.sharingKeys(first.shareKeys());
        nulls.put(null, "null key");
        assertEquals("null key", nulls.get(null));
    }

    /**
     * A map that left its shared keys half-way must not carry the rest of them: a map later built on its keys
     * would take one of those for a new member and hold a key twice.
     */
    @Test
    public void keysLeftBehindInASharedArrayNeverCountAsMembers() {
        Object[] keys = map("a", "b", "c").shareKeys();
        ArrayMap<String, Object> second = ArrayMap.sharingKeys(keys);
        second.putNext("a", 1);
        second.putNext("c", 2); // diverges: keys a, c
        ArrayMap<String, Object> third = ArrayMap.sharingKeys(second.shareKeys());
        third.putNext("a", 1);
        third.putNext("c", 2);
        third.putNext("c", 3); // a duplicate: replaces
        assertEquals(2, third.size());
        assertEquals(3, third.get("c"));
        assertEquals(List.of("a", "c"), new ArrayList<>(third.keySet()));
    }

    /** A key repeated after more members than are searched in order builds the index; later members must enter it. */
    @Test
    public void membersPutNextAfterTheIndexWasBuiltAreFound() {
        String[] names = new String[12];
        ArrayMap<String, Object> first = new ArrayMap<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = "k" + i;
            first.put(names[i], i);
        }
        ArrayMap<String, Object> next = ArrayMap.sharingKeys(first.shareKeys());
        for (int i = 0; i <= ArrayMap.LINEAR_MAX; i++) {
            next.putNext(names[i], i);
        }
        next.putNext(names[0], 100); // a duplicate: found through the index, which is built now
        next.putNext(names[9], 9);
        assertEquals(9, next.get("k9"));
        next.put("k9", 99);
        assertEquals(10, next.size());
        assertEquals(99, next.get("k9"));
        assertEquals(100, next.get("k0"));
    }

    /** Maps that share a key array come back from serialization each with keys of its own. */
    @Test
    public void serializedMapsDoNotShareKeysAnyMore() throws Exception {
        ArrayMap<String, Object> first = map("a", "b", "c");
        ArrayMap<String, Object> second = ArrayMap.sharingKeys(first.shareKeys());
        second.putNext("a", 1);
        second.putNext("b", 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(List.of(first, second));
        }
        List<?> back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (List<?>) in.readObject();
        }
        @SuppressWarnings("unchecked")
        ArrayMap<String, Object> second2 = (ArrayMap<String, Object>) back.get(1);
        second2.put("x", 99);
        second2.remove("a");
        assertEquals(first, back.get(0));
        assertEquals(Map.of("b", 2, "x", 99), second2);
    }

    /** A map that once had many members lends a copy of its keys, not its long array. */
    @Test
    public void aMapThatShrankLendsItsKeysTrimmed() {
        ArrayMap<String, Object> wide = new ArrayMap<>();
        for (int i = 0; i < 200; i++) {
            wide.put("k" + i, i);
        }
        for (int i = 2; i < 200; i++) {
            wide.remove("k" + i);
        }
        Object[] lent = wide.shareKeys();
        assertEquals(2, lent.length);
        ArrayMap<String, Object> next = ArrayMap.sharingKeys(lent);
        next.putNext((String) lent[0], 0); // the decoder's keys are the same instances
        next.putNext((String) lent[1], 1);
        assertSame(lent, next.shareKeys());
        wide.put("k2", 2);
        assertEquals(List.of("k0", "k1", "k2"), new ArrayList<>(wide.keySet()));
        assertEquals(List.of("k0", "k1"), new ArrayList<>(next.keySet()));
    }

    @Test
    public void putNextOfAKeyPresentEarlierReplacesItsValue() {
        ArrayMap<String, Object> next = ArrayMap.sharingKeys(map("a", "b").shareKeys());
        next.putNext("b", 1);
        next.putNext("b", 2);
        assertEquals(Map.of("b", 2), next);
    }

    @Test
    public void matchesLinkedHashMapUnderRandomChanges() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            int domain = 1 + random.nextInt(round % 2 == 0 ? 12 : 200);
            ArrayMap<String, Integer> map = new ArrayMap<>(random.nextInt(4));
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (int op = 0; op < 400; op++) {
                String key = random.nextInt(50) == 0 ? null : "k" + random.nextInt(domain);
                int choice = random.nextInt(10);
                if (choice < 6) {
                    assertEquals(expected.put(key, op), map.put(key, op));
                } else if (choice < 8) {
                    assertEquals(expected.remove(key), map.remove(key));
                } else if (choice < 9) {
                    removeByIterator(expected, map, random);
                } else {
                    assertEquals(expected.get(key), map.get(key));
                    assertEquals(expected.containsKey(key), map.containsKey(key));
                }
            }
            assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(map.entrySet()));
            assertEquals(expected, map);
            assertEquals(expected.hashCode(), map.hashCode());
        }
    }

    /** As a decoder uses it: each map built on the keys of the one before, all later changed at random. */
    @Test
    public void chainsOfSharedKeysMatchLinkedHashMap() {
        Random random = new Random(7);
        Object[] template = new ArrayMap<String, Object>().shareKeys();
        List<ArrayMap<String, Integer>> maps = new ArrayList<>();
        List<Map<String, Integer>> expected = new ArrayList<>();
        for (int record = 0; record < 20_000; record++) {
            ArrayMap<String, Integer> map = ArrayMap.sharingKeys(template);
            Map<String, Integer> reference = new LinkedHashMap<>();
            int members = random.nextInt(random.nextInt(10) == 0 ? 40 : 8);
            boolean likeTheLast = random.nextInt(4) != 0;
            for (int m = 0; m < members; m++) {
                int next = map.size();
                String key = likeTheLast && next < template.length && template[next] != null && random.nextInt(20) != 0
                        ? (String) template[next] : "k" + random.nextInt(30);
                map.putNext(key, m);
                reference.put(key, m);
                if (random.nextInt(8) == 0) {
                    String probe = "k" + random.nextInt(30);
                    assertEquals(reference.get(probe), map.get(probe));
                }
            }
            assertEquals(new ArrayList<>(reference.entrySet()), new ArrayList<>(map.entrySet()));
            template = map.shareKeys();
            maps.add(map);
            expected.add(reference);
            // Change an earlier map now and then: its keys may be the template of later ones.
            int other = random.nextInt(maps.size());
            String key = "k" + random.nextInt(30);
            if (random.nextBoolean()) {
                assertEquals(expected.get(other).put(key, -1), maps.get(other).put(key, -1));
            } else {
                assertEquals(expected.get(other).remove(key), maps.get(other).remove(key));
            }
        }
        for (int i = 0; i < maps.size(); i++) {
            assertEquals(new ArrayList<>(expected.get(i).entrySet()), new ArrayList<>(maps.get(i).entrySet()));
        }
    }

    @Test
    public void positionsReadInOrder() {
        ArrayMap<String, Object> map = map("x", "y");
        assertEquals("x", map.keyAt(0));
        assertEquals("y", map.keyAt(1));
        assertEquals("y=y", map.entrySet().stream().skip(1).findFirst().orElseThrow().toString());
        map.clear();
        assertNull(map.get("x"));
        assertEquals(0, map.size());
        map.put("z", 1);
        assertEquals("z", map.keyAt(0));
    }

    @Test(expected = IndexOutOfBoundsException.class)
    public void aPositionPastTheMembersIsRefused() {
        map("a").valueAt(1);
    }

    private static void removeByIterator(Map<String, Integer> expected, ArrayMap<String, Integer> map, Random random) {
        if (expected.isEmpty()) {
            return;
        }
        int skip = random.nextInt(expected.size());
        Iterator<Map.Entry<String, Integer>> a = expected.entrySet().iterator();
        Iterator<Map.Entry<String, Integer>> b = map.entrySet().iterator();
        for (int i = 0; i < skip; i++) {
            assertEquals(a.next(), b.next());
        }
        assertEquals(a.next(), b.next());
        a.remove();
        b.remove();
        if (a.hasNext()) {
            assertEquals(a.next(), b.next());
        }
    }

    private static ArrayMap<String, Object> map(String... keys) {
        ArrayMap<String, Object> map = new ArrayMap<>();
        for (String key : keys) {
            map.put(key, key);
        }
        return map;
    }
}
