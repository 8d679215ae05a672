package io.weir.pipeline.internal.event;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;

/**
 * Maps sharing key arrays (a decoder's, and those derived by {@link KeyTransitions}) against {@link LinkedHashMap}
 * doing the same random operations, on one thread and on several: every map keeps its own members, and no array
 * seen shared is ever written.
 */
public class ArrayMapSharedKeysTest {
    static final Field KEYS;
    static final Field SHARED;
    static {
        try {
            KEYS = ArrayMap.class.getDeclaredField("keys");
            KEYS.setAccessible(true);
            SHARED = ArrayMap.class.getDeclaredField("keysShared");
            SHARED.setAccessible(true);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Object[] keysOf(ArrayMap<?, ?> m) throws Exception {
        return (Object[]) KEYS.get(m);
    }

    /** Many maps on shared keys, random operations interleaved; shared arrays must never change. */
    static void differential(long seed, int rounds) throws Exception {
        Random random = new Random(seed);
        // a small pool of interned key strings, plus equal-but-not-identical copies
        String[] pool = new String[40];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = ("k" + i).intern();
        }
        for (int round = 0; round < rounds; round++) {
            int domain = 1 + random.nextInt(round % 3 == 0 ? 6 : pool.length);
            ArrayMap<String, Integer> template = new ArrayMap<>();
            int tn = random.nextInt(domain + 1);
            for (int i = 0; i < tn; i++) {
                template.put(pool[random.nextInt(domain)], i);
            }
            Object[] shared = template.shareKeys();
            IdentityHashMap<Object[], Object[]> snapshots = new IdentityHashMap<>();
            snapshots.put(shared, shared.clone());
            List<ArrayMap<String, Integer>> maps = new ArrayList<>();
            List<Map<String, Integer>> models = new ArrayList<>();
            maps.add(template);
            Map<String, Integer> tm = new LinkedHashMap<>();
            template.forEach(tm::put);
            models.add(tm);
            int count = 1 + random.nextInt(6);
            for (int m = 0; m < count; m++) {
                ArrayMap<String, Integer> map = ArrayMap.sharingKeys(shared);
                Map<String, Integer> model = new LinkedHashMap<>();
                int n = random.nextInt(shared.length + 3);
                for (int i = 0; i < n; i++) {
                    String k = i < shared.length && random.nextInt(4) != 0 ? (String) shared[i]
                            : pool[random.nextInt(domain)];
                    map.putNext(k, i);
                    model.put(k, i);
                }
                maps.add(map);
                models.add(model);
            }
            int ops = random.nextInt(60);
            for (int op = 0; op < ops; op++) {
                int which = random.nextInt(maps.size());
                ArrayMap<String, Integer> map = maps.get(which);
                Map<String, Integer> model = models.get(which);
                String k = pool[random.nextInt(domain)];
                if (random.nextBoolean()) {
                    k = new String(k); // equal, not identical
                }
                int v = random.nextInt(1000);
                switch (random.nextInt(11)) {
                    case 0, 1, 2 -> assertEquals(model.put(k, v), map.put(k, v));
                    case 3, 4 -> assertEquals(model.remove(k), map.remove(k));
                    case 5 -> {
                        // iterator removal
                        Iterator<Map.Entry<String, Integer>> it = map.entrySet().iterator();
                        Iterator<Map.Entry<String, Integer>> mit = model.entrySet().iterator();
                        while (it.hasNext()) {
                            Map.Entry<String, Integer> e = it.next();
                            Map.Entry<String, Integer> me = mit.next();
                            assertEquals(me.getKey(), e.getKey());
                            if (random.nextInt(3) == 0) {
                                it.remove();
                                mit.remove();
                            } else if (random.nextInt(3) == 0) {
                                e.setValue(v);
                                me.setValue(v);
                            }
                        }
                    }
                    case 6 -> {
                        if (random.nextInt(5) == 0) {
                            map.clear();
                            model.clear();
                        }
                    }
                    case 7 -> {
                        // a derived map: share this one's keys onward
                        Object[] lent = map.shareKeys();
                        snapshots.putIfAbsent(lent, lent.clone());
                        ArrayMap<String, Integer> next = ArrayMap.sharingKeys(lent);
                        Map<String, Integer> nm = new LinkedHashMap<>();
                        for (int i = 0; i < map.size(); i++) {
                            if (random.nextInt(5) != 0) {
                                next.putNext(map.keyAt(i), i);
                                nm.put(map.keyAt(i), i);
                            }
                        }
                        maps.add(next);
                        models.add(nm);
                    }
                    case 8 -> {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                            out.writeObject(map);
                        }
                        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                            @SuppressWarnings("unchecked")
                            ArrayMap<String, Integer> back = (ArrayMap<String, Integer>) in.readObject();
                            maps.set(which, back);
                        }
                    }
                    case 9 -> assertEquals(model.get(k), map.get(k));
                    default -> {
                        map.putNext(k, v);
                        model.put(k, v);
                    }
                }
                if (map == maps.get(which) && (boolean) SHARED.get(map)) {
                    Object[] ks = keysOf(map);
                    snapshots.putIfAbsent(ks, ks.clone());
                }
            }
            for (int i = 0; i < maps.size(); i++) {
                ArrayMap<String, Integer> mm = maps.get(i);
                Map<String, Integer> model = models.get(i);
                assertEquals("round " + round + " map " + i, new ArrayList<>(model.keySet()), new ArrayList<>(mm.keySet()));
                assertEquals("round " + round + " map " + i, new ArrayList<>(model.values()), new ArrayList<>(mm.values()));
                assertEquals(model, mm);
                assertEquals(model.hashCode(), mm.hashCode());
                for (String k : pool) {
                    assertEquals(model.containsKey(k), mm.containsKey(k));
                }
            }
            for (Map.Entry<Object[], Object[]> e : snapshots.entrySet()) {
                assertArrayEquals("a shared array was written, round " + round, e.getValue(), e.getKey());
            }
        }
    }

    @Test
    public void differentialSingleThread() throws Exception {
        differential(1, 20_000);
    }

    @Test
    public void differentialManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = 100 + t;
                fs.add(pool.submit(() -> {
                    differential(seed, 20_000);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
