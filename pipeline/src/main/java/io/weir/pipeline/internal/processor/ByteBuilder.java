package io.weir.pipeline.internal.processor;

import java.util.Arrays;

/**
 * A growable byte array that processors reuse from call to call (the partial line of a stream, an
 * output record). Unsynchronised: a processor belongs to one thread at a time.
 */
public final class ByteBuilder {
    /** Above this capacity {@link #clear()} gives the array back, so one huge record does not pin memory per stream. */
    private static final int KEEP_AT_MOST = 256 * 1024;

    private final int initialCapacity;
    private byte[] buffer;
    private int size;

    /** @param initialCapacity the capacity to start with (and to return to after a huge record) */
    public ByteBuilder(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buffer = new byte[initialCapacity];
    }

    /** @return the backing array; bytes [0, size) are the content */
    public byte[] array() {
        return buffer;
    }

    /** @return the number of bytes held */
    public int size() {
        return size;
    }

    /** @return whether nothing is held */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Forgets the content (and drops an array grown very large). */
    public void clear() {
        size = 0;
        if (buffer.length > KEEP_AT_MOST) {
            buffer = new byte[initialCapacity];
        }
    }

    /** Forgets the content but keeps the array, for a buffer that is refilled to a similar size again and again. */
    public void reset() {
        size = 0;
    }

    /** Makes room for at least {@code n} more bytes after {@link #size()}. */
    public void ensureFree(int n) {
        long needed = (long) size + n;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("buffer would exceed 2 GiB");
            }
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, (long) buffer.length * 2));
            buffer = Arrays.copyOf(buffer, grown);
        }
    }

    /** Counts {@code n} bytes written directly into {@link #array()} after {@link #size()}. */
    public void advance(int n) {
        size += n;
    }

    /** Appends {@code length} bytes of {@code data} from {@code offset}. */
    public void append(byte[] data, int offset, int length) {
        ensureFree(length);
        System.arraycopy(data, offset, buffer, size, length);
        size += length;
    }

    /** Appends one byte. */
    public void append(byte b) {
        ensureFree(1);
        buffer[size++] = b;
    }

    /** Appends an int as four big-endian bytes. */
    public void appendIntBigEndian(int value) {
        ensureFree(4);
        buffer[size] = (byte) (value >>> 24);
        buffer[size + 1] = (byte) (value >>> 16);
        buffer[size + 2] = (byte) (value >>> 8);
        buffer[size + 3] = (byte) value;
        size += 4;
    }

    /** Appends an int as four little-endian bytes. */
    public void appendIntLittleEndian(int value) {
        ensureFree(4);
        buffer[size] = (byte) value;
        buffer[size + 1] = (byte) (value >>> 8);
        buffer[size + 2] = (byte) (value >>> 16);
        buffer[size + 3] = (byte) (value >>> 24);
        size += 4;
    }
}
