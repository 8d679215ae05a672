package io.weir.connector.http.internal.server;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/** Collects a request body into one array, refusing to grow beyond {@code max_body_bytes}. */
final class BodyBuffer {
    private final int max;
    private byte[] bytes;
    private int length;

    /**
     * @param expected the announced length, or a first guess for a chunked body
     * @param max      the most bytes it may hold
     */
    BodyBuffer(int expected, int max) {
        this.max = max;
        this.bytes = new byte[Math.max(0, Math.min(expected, max))];
    }

    /**
     * @param chunk bytes to add; not consumed
     * @return false when they would make the body larger than the limit (nothing is added then)
     */
    boolean append(ByteBuf chunk) {
        int n = chunk.readableBytes();
        if (n > max - length) {
            return false;
        }
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(length + n, 2L * bytes.length + 1024)));
        }
        chunk.getBytes(chunk.readerIndex(), bytes, length, n);
        length += n;
        return true;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }
}
