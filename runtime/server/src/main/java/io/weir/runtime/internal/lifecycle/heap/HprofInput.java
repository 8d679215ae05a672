package io.weir.runtime.internal.lifecycle.heap;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A buffered big-endian reader of an HPROF file that knows its position and the size of object ids. */
final class HprofInput implements AutoCloseable {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private long position;
    private int idSize = 8;

    HprofInput(InputStream in) {
        this.in = in;
    }

    void idSize(int size) throws IOException {
        if (size != 4 && size != 8) {
            throw new IOException("object ids of " + size + " bytes: not an HPROF dump this reader understands");
        }
        this.idSize = size;
    }

    int idSize() {
        return idSize;
    }

    long position() {
        return position;
    }

    /** False at the end of the file. */
    boolean more() throws IOException {
        return start < end || fill();
    }

    int u1() throws IOException {
        if (start == end && !fill()) {
            throw new EOFException("the heap dump ends early");
        }
        position++;
        return buffer[start++] & 0xff;
    }

    int u2() throws IOException {
        return (u1() << 8) | u1();
    }

    long u4() throws IOException {
        return ((long) u1() << 24) | (u1() << 16) | (u1() << 8) | u1();
    }

    long u8() throws IOException {
        return (u4() << 32) | u4();
    }

    long id() throws IOException {
        return idSize == 8 ? u8() : u4();
    }

    void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (start == end && !fill()) {
                throw new EOFException("the heap dump ends early");
            }
            int n = (int) Math.min(left, end - start);
            start += n;
            position += n;
            left -= n;
        }
    }

    void read(byte[] into, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (start == end && !fill()) {
                throw new EOFException("the heap dump ends early");
            }
            int n = Math.min(length - done, end - start);
            System.arraycopy(buffer, start, into, done, n);
            start += n;
            done += n;
        }
        position += length;
    }

    /** Skips an OBJECT_ARRAY_DUMP record after its tag: id, stack serial, length, array class, elements. */
    void skipObjectArray() throws IOException {
        id();
        u4();
        long count = u4();
        id();
        skip(count * idSize);
    }

    /** Skips a PRIMITIVE_ARRAY_DUMP record after its tag: id, stack serial, length, element type, elements. */
    void skipPrimitiveArray() throws IOException {
        id();
        u4();
        long count = u4();
        skip(count * sizeOf(u1()));
    }

    /** Size in bytes of a value of this HPROF basic type. */
    int sizeOf(int type) throws IOException {
        switch (type) {
            case HprofTags.OBJECT: return idSize;
            case HprofTags.BOOLEAN: case HprofTags.BYTE: return 1;
            case HprofTags.CHAR: case HprofTags.SHORT: return 2;
            case HprofTags.FLOAT: case HprofTags.INT: return 4;
            case HprofTags.DOUBLE: case HprofTags.LONG: return 8;
            default: throw new IOException("unknown HPROF value type " + type + " at byte " + position);
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        start = 0;
        end = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
