package io.weir.pipeline.internal.event;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The map of decoded events: keys and values in two arrays, in insertion order, with the semantics of a
 * {@link java.util.LinkedHashMap} (putting an existing key keeps its place, null keys and values allowed).
 *
 * <p>Why not {@code LinkedHashMap}: an event map is built once, read in order by an encoder, and looked up a
 * few times at most. A linked map spends a 40-byte node per member and sends every walk through them; with many
 * flows the sink reads events written long before, and following those nodes was the largest cost of its thread.
 * Here a walk reads two arrays front to back.
 *
 * <p>Maps of up to {@value #LINEAR_MAX} members are searched front to back (identity first, then hash and
 * equals); larger ones get a hash index of positions, built when first needed. Removing a member shifts the
 * ones after it, as a list does.
 *
 * <p>A decoder that reads records with the same members in the same order hands each new map the key array of
 * the previous one ({@link #sharingKeys}); a change of keys (a member removed or added) takes another shared
 * array derived the same way for every such map ({@link KeyTransitions}), or a copy of its own, so neither map
 * sees the other's changes. A shared key array is never written.
 *
 * @param <K> the keys
 * @param <V> the values
 */
public final class ArrayMap<K, V> extends AbstractMap<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Up to this many members, a lookup compares keys in order rather than through the index. */
    static final int LINEAR_MAX = 8;
    private static final int DEFAULT_CAPACITY = 8;
    private static final Object[] NO_KEYS = {};

    private transient Object[] keys;
    private transient Object[] values;
    private transient int size;
    /** The key array may be another map's too: copy it before writing it. */
    private transient boolean keysShared;
    /** Position + 1 of each key by hash, open addressing; null until a large map is searched. */
    private transient int[] index;
    private transient int modCount;
    private transient Set<Map.Entry<K, V>> entrySet;

    /** An empty map. */
    public ArrayMap() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity the members it holds before growing */
    public ArrayMap(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        keys = capacity == 0 ? NO_KEYS : new Object[capacity];
        values = capacity == 0 ? NO_KEYS : new Object[capacity];
    }

    /** @param map the members to copy, in its order */
    public ArrayMap(Map<? extends K, ? extends V> map) {
        this(map.size());
        putAll(map);
    }

    private ArrayMap(Object[] sharedKeys) {
        keys = sharedKeys;
        values = sharedKeys.length == 0 ? NO_KEYS : new Object[sharedKeys.length];
        keysShared = true;
    }

    /**
     * An empty map that expects the members {@code keys} names, in that order: {@link #putNext} with them takes
     * no search and no copy of keys.
     *
     * @param keys a key array from {@link #shareKeys}, without duplicates
     * @return the map
     */
    public static <K, V> ArrayMap<K, V> sharingKeys(Object[] keys) {
        return new ArrayMap<>(keys);
    }

    /**
     * Lends this map's keys to maps made by {@link #sharingKeys}. Call it only while no other thread can see
     * this map, such as before a decoder hands it on. An array much longer than the keys it holds (the map had
     * more members once) is not lent: a copy of the keys is, so that a wide record does not size every later map.
     *
     * @return a key array that holds this map's {@link #size} keys first and that nobody writes any more
     */
    public Object[] shareKeys() {
        if (keys.length > size + (size >> 1) + DEFAULT_CAPACITY) {
            return Arrays.copyOf(keys, size);
        }
        keysShared = true;
        return keys;
    }

    /**
     * Puts a member. When it is the member the shared keys name next, this is a store; otherwise it is
     * {@link #put}.
     *
     * @param key   the key
     * @param value the value
     */
    public void putNext(K key, V value) {
        int n = size;
        if (keysShared && key != null && n < keys.length && keys[n] == key) {
            // The shared keys have no duplicates, and keys[0..n) are those: key is new here.
            values[n] = value;
            size = n + 1;
            modCount++;
            indexAppended(key, n);
        } else {
            put(key, value);
        }
    }

    /** @return whether the key array is another map's too, for tests */
    boolean sharesKeys() {
        return keysShared;
    }

    /** @param i a position below {@link #size} @return its key */
    @SuppressWarnings("unchecked")
    public K keyAt(int i) {
        Objects.checkIndex(i, size);
        return (K) keys[i];
    }

    /** @param i a position below {@link #size} @return its value */
    @SuppressWarnings("unchecked")
    public V valueAt(int i) {
        Objects.checkIndex(i, size);
        return (V) values[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(value, values[i])) {
                return true;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getOrDefault(Object key, V defaultValue) {
        int i = indexOf(key);
        return i < 0 ? defaultValue : (V) values[i];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        int i = indexOf(key);
        if (i >= 0) {
            V old = (V) values[i];
            values[i] = value;
            return old;
        }
        append(key, value);
        return null;
    }

    @Override
    public V remove(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : removeAt(i);
    }

    @Override
    public void clear() {
        if (size > 0) {
            if (keysShared) {
                keys = new Object[keys.length];
                keysShared = false;
            } else {
                Arrays.fill(keys, 0, size, null);
            }
            Arrays.fill(values, 0, size, null);
            size = 0;
            index = null;
            modCount++;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action);
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            action.accept((K) keys[i], (V) values[i]);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Set<Map.Entry<K, V>> set = entrySet;
        if (set == null) {
            set = new EntrySet();
            entrySet = set;
        }
        return set;
    }

    private void append(K key, V value) {
        int n = size;
        Object[] derived = keysShared ? KeyTransitions.appended(keys, n, key) : null;
        if (derived != null) {
            // Maps changed alike share the changed keys too: no copy of them.
            keys = derived;
            if (values.length < derived.length) {
                values = Arrays.copyOf(values, derived.length);
            }
        } else if (keysShared || n == keys.length) {
            int capacity = n == keys.length ? Math.max(DEFAULT_CAPACITY, n + (n >> 1)) : keys.length;
            ownKeys(capacity);
            if (values.length < capacity) {
                values = Arrays.copyOf(values, capacity);
            }
        }
        if (derived == null) {
            keys[n] = key;
        }
        values[n] = value;
        size = n + 1;
        modCount++;
        indexAppended(key, n);
    }

    /** Keeps a built index up to date with a member appended at {@code position}, or drops it when full. */
    private void indexAppended(Object key, int position) {
        int[] table = index;
        if (table != null) {
            if (2 * size > table.length) {
                index = null;
            } else {
                insert(table, hash(key), position);
            }
        }
    }

    /**
     * Gives this map a key array of its own holding its keys and nothing after them: a shared array goes on past
     * {@link #size} with the keys of the map it came from, which {@link #putNext} must never meet as if they were
     * this map's.
     */
    private void ownKeys(int capacity) {
        Object[] own = new Object[capacity];
        System.arraycopy(keys, 0, own, 0, size);
        keys = own;
        keysShared = false;
    }

    @SuppressWarnings("unchecked")
    private V removeAt(int i) {
        V old = (V) values[i];
        int n = size;
        Object[] derived = keysShared ? KeyTransitions.removed(keys, n, i) : null;
        if (derived != null) {
            // Maps changed alike share the changed keys too: no copy of them.
            keys = derived;
        } else {
            if (keysShared) {
                ownKeys(keys.length);
            }
            System.arraycopy(keys, i + 1, keys, i, n - i - 1);
            keys[n - 1] = null;
        }
        System.arraycopy(values, i + 1, values, i, n - i - 1);
        values[n - 1] = null;
        size = n - 1;
        index = null;
        modCount++;
        return old;
    }

    private int indexOf(Object key) {
        Object[] ks = keys;
        int n = size;
        if (n <= LINEAR_MAX) {
            for (int i = 0; i < n; i++) {
                if (ks[i] == key) {
                    return i;
                }
            }
            if (key == null) {
                return -1;
            }
            int h = key.hashCode();
            for (int i = 0; i < n; i++) {
                Object k = ks[i];
                if (k != null && k.hashCode() == h && key.equals(k)) {
                    return i;
                }
            }
            return -1;
        }
        int[] table = index;
        if (table == null) {
            table = buildIndex();
        }
        int mask = table.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            Object k = ks[entry - 1];
            if (k == key || (key != null && key.equals(k))) {
                return entry - 1;
            }
        }
    }

    private int[] buildIndex() {
        int slots = Integer.highestOneBit(Math.max(4 * size - 1, 1)) << 1;
        int[] table = new int[slots];
        for (int i = 0; i < size; i++) {
            insert(table, hash(keys[i]), i);
        }
        index = table;
        return table;
    }

    private static void insert(int[] table, int hash, int position) {
        int mask = table.length - 1;
        int slot = hash & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = position + 1;
    }

    private static int hash(Object key) {
        int h = key == null ? 0 : key.hashCode();
        return h ^ (h >>> 16);
    }

    /**
     * Writes the members only: the key array may be shared, and may go on past the members with another map's keys.
     *
     * @serialData the number of members, then each key and its value, in order
     */
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeObject(keys[i]);
            out.writeObject(values[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        if (n < 0) {
            throw new InvalidObjectException("negative size " + n);
        }
        keys = n == 0 ? NO_KEYS : new Object[n];
        values = n == 0 ? NO_KEYS : new Object[n];
        for (int i = 0; i < n; i++) {
            put((K) in.readObject(), (V) in.readObject());
        }
    }

    private final class EntrySet extends AbstractSet<Map.Entry<K, V>> {
        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return new EntryIterator();
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e)) {
                return false;
            }
            int i = indexOf(e.getKey());
            return i >= 0 && Objects.equals(values[i], e.getValue());
        }

        @Override
        public boolean remove(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e)) {
                return false;
            }
            int i = indexOf(e.getKey());
            if (i < 0 || !Objects.equals(values[i], e.getValue())) {
                return false;
            }
            removeAt(i);
            return true;
        }

        @Override
        public void clear() {
            ArrayMap.this.clear();
        }
    }

    private final class EntryIterator implements Iterator<Map.Entry<K, V>> {
        private int next;
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Map.Entry<K, V> next() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            if (next >= size) {
                throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException("next() was not called, or remove() was called already");
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
        }
    }

    /** A member at a position; {@link #setValue} writes through while the map keeps its keys. */
    private final class Entry implements Map.Entry<K, V> {
        private final int position;
        private final int expected = modCount;
        private final K key;
        private V value;

        @SuppressWarnings("unchecked")
        Entry(int position) {
            this.position = position;
            this.key = (K) keys[position];
            this.value = (V) values[position];
        }

        @Override
        public K getKey() {
            return key;
        }

        /** @return where the member is now, or -1 once it was removed (then the last value seen stays) */
        private int position() {
            return modCount == expected ? position : indexOf(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public V getValue() {
            int i = position();
            if (i >= 0) {
                value = (V) values[i];
            }
            return value;
        }

        @Override
        public V setValue(V value) {
            int i = position();
            if (i < 0) {
                throw new IllegalStateException("the member " + key + " was removed from its map");
            }
            V old = getValue();
            values[i] = value;
            this.value = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && Objects.equals(key, e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
