package io.weir.pipeline.internal.processor.compression;

import io.weir.pipeline.internal.processor.ByteBuilder;

/**
 * Gathers a field of known length (a header, a block) that may arrive split across input
 * buffers, and reads little-endian integers out of it.
 */
final class FieldBuffer {
    private final ByteBuilder bytes;
    private int wanted;

    FieldBuffer(int initialCapacity) {
        bytes = new ByteBuilder(initialCapacity);
    }

    /** Starts gathering a field of {@code length} bytes. */
    void expect(int length) {
        bytes.clear();
        wanted = length;
    }

    /** @return how many of the input bytes it took */
    int fill(byte[] data, int offset, int length) {
        int n = Math.min(length, wanted - bytes.size());
        bytes.append(data, offset, n);
        return n;
    }

    boolean complete() {
        return bytes.size() == wanted;
    }

    /** @return whether some but not all of the field has arrived */
    boolean partial() {
        return bytes.size() > 0 && bytes.size() < wanted;
    }

    int size() {
        return bytes.size();
    }

    byte[] array() {
        return bytes.array();
    }

    int u8(int at) {
        return bytes.array()[at] & 0xff;
    }

    int u16le(int at) {
        return u8(at) | u8(at + 1) << 8;
    }

    int u24le(int at) {
        return u16le(at) | u8(at + 2) << 16;
    }

    int i32le(int at) {
        return u16le(at) | u16le(at + 2) << 16;
    }

    long i64le(int at) {
        return (i32le(at) & 0xffffffffL) | (long) i32le(at + 4) << 32;
    }
}
