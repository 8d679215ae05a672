package io.weir.runtime.internal.lifecycle.heap;

/**
 * Points the heap-dump reader at the class loaders to trace. While a dump is taken, one marker per loader is held
 * in {@link #live}; the reader finds the markers by their class name, reads {@link #target} and ignores every
 * reference that starts from a marker, so the markers never appear on a path.
 */
public final class HeapMarker {

    /** The markers of the dump being taken; empty otherwise. */
    static volatile HeapMarker[] live = new HeapMarker[0];

    /** The loader to trace. */
    final ClassLoader target;
    /** Which removed revision it belongs to (an index the caller chose). */
    final long key;

    HeapMarker(ClassLoader target, long key) {
        this.target = target;
        this.key = key;
    }
}
