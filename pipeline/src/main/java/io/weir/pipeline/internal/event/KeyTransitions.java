package io.weir.pipeline.internal.event;

/**
 * Key arrays derived from a shared one by one change: the first {@code size} keys of a shared array without the
 * one at a position, or with one more key after them. Maps decoded alike and changed alike by a pipeline (a
 * rename, a field set) then share the derived array too, instead of each copying its keys.
 *
 * <p>A derived array is as long as the one it comes from: a map changes within the room of its shared array, and
 * one that grows past it takes keys of its own (growing geometrically), so building a map key by key never derives
 * an array per key. Only arrays of up to {@link #MAX_LENGTH} keys, all of them {@code String}s, are derived: the
 * table stays small, and holds no class of a plugin that could be uninstalled.
 *
 * <p>A small direct-mapped table, shared by all threads: an entry is immutable and read without a lock (a lost
 * or overwritten entry only costs a copy later).
 */
final class KeyTransitions {
    /** The longest key array derived from; longer ones are copied, as every change was before. */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 512;
    private static final Transition[] TABLE = new Transition[SLOTS];

    private KeyTransitions() {
    }

    /**
     * @param from a shared key array
     * @param size how many of its keys the map uses
     * @param at   the position removed
     * @return a shared array of those keys without the one at {@code at}, as long as {@code from}; {@code null}
     *         when {@code from} is longer than {@link #MAX_LENGTH} or its keys are not all strings
     */
    static Object[] removed(Object[] from, int size, int at) {
        if (from.length > MAX_LENGTH) {
            return null;
        }
        int slot = slot(from, size, at);
        Transition t = TABLE[slot];
        if (t != null && t.from == from && t.size == size && t.removed == at) {
            return t.to;
        }
        if (!strings(from, size)) {
            return null;
        }
        Object[] to = new Object[from.length];
        System.arraycopy(from, 0, to, 0, at);
        System.arraycopy(from, at + 1, to, at, size - at - 1);
        TABLE[slot] = new Transition(from, size, at, null, to);
        return to;
    }

    /**
     * @param from  a shared key array
     * @param size  how many of its keys the map uses
     * @param added the key appended after them
     * @return a shared array of those keys and {@code added}, as long as {@code from}; {@code null} when there is
     *         no room after them, {@code from} is longer than {@link #MAX_LENGTH}, or the keys are not all strings
     */
    static Object[] appended(Object[] from, int size, Object added) {
        if (size >= from.length || from.length > MAX_LENGTH || !(added instanceof String)) {
            return null;
        }
        int slot = slot(from, size, added.hashCode());
        Transition t = TABLE[slot];
        if (t != null && t.from == from && t.size == size && t.removed < 0 && t.added == added) {
            return t.to;
        }
        if (!strings(from, size)) {
            return null;
        }
        Object[] to = new Object[from.length];
        System.arraycopy(from, 0, to, 0, size);
        to[size] = added;
        TABLE[slot] = new Transition(from, size, -1, added, to);
        return to;
    }

    private static int slot(Object[] from, int size, int change) {
        int h = System.identityHashCode(from) * 31 + size * 17 + change;
        return (h ^ h >>> 16) & (SLOTS - 1);
    }

    private static boolean strings(Object[] keys, int size) {
        for (int i = 0; i < size; i++) {
            if (!(keys[i] instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** One derivation; {@code removed} is -1 for an appended key. */
    private record Transition(Object[] from, int size, int removed, Object added, Object[] to) {
    }
}
