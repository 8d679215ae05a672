package io.weir.runtime.internal.manager;

import java.util.NoSuchElementException;

/**
 * A double-ended queue of {@code long}s in a growing circular array: the sizes an {@link Inbox} keeps
 * beside its batches, without boxing one per batch. Not thread-safe.
 */
final class LongRing {
    private long[] values = new long[16];
    private int head;
    private int size;

    /** @param value added at the tail */
    void addLast(long value) {
        grow();
        values[(head + size) & (values.length - 1)] = value;
        size++;
    }

    /** @param value added at the head */
    void addFirst(long value) {
        grow();
        head = (head - 1) & (values.length - 1);
        values[head] = value;
        size++;
    }

    /**
     * @return the value at the head, removed
     * @throws NoSuchElementException when empty
     */
    long pollFirst() {
        if (size == 0) {
            throw new NoSuchElementException("empty");
        }
        long value = values[head];
        head = (head + 1) & (values.length - 1);
        size--;
        return value;
    }

    /** @return how many values it holds */
    int size() {
        return size;
    }

    /** Removes every value. */
    void clear() {
        head = 0;
        size = 0;
    }

    private void grow() {
        if (size < values.length) {
            return;
        }
        // The length stays a power of two, so that masking wraps the indexes.
        long[] larger = new long[values.length * 2];
        for (int i = 0; i < size; i++) {
            larger[i] = values[(head + i) & (values.length - 1)];
        }
        values = larger;
        head = 0;
    }
}
