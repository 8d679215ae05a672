package io.weir.pipeline.internal.processor.compression;

import java.nio.ByteBuffer;

import io.weir.api.processor.FrameOutput;
import io.weir.pipeline.internal.processor.ByteBuilder;

/**
 * Collects decompressed bytes and hands them on as frames: at the end of each member, at the end
 * of each input buffer, and whenever {@code maxFrame} bytes have gathered, so that memory stays
 * bounded however well the input compresses.
 */
final class DecompressedOutput {
    private final ByteBuilder buffer = new ByteBuilder(4096);
    private final int maxFrame;
    private FrameOutput out;

    DecompressedOutput(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /** @param out where the frames of the current call go */
    void target(FrameOutput out) {
        this.out = out;
    }

    /** Appends bytes, handing on full frames. */
    void write(byte[] data, int offset, int length) {
        while (length > 0) {
            int n = reserve(length);
            System.arraycopy(data, offset, buffer.array(), buffer.size(), n);
            advance(n);
            offset += n;
            length -= n;
        }
    }

    /** Appends the remaining bytes of {@code data}, handing on full frames. */
    void write(ByteBuffer data) {
        while (data.hasRemaining()) {
            int n = reserve(data.remaining());
            data.get(buffer.array(), buffer.size(), n);
            advance(n);
        }
    }

    /**
     * Makes room to write in place at {@link #position()} of {@link #array()}.
     *
     * @param wanted how many bytes the caller would like to write
     * @return how many it may write: at least 1, at most {@code wanted}
     */
    int reserve(int wanted) {
        if (buffer.size() >= maxFrame) {
            flush();
        }
        int n = Math.min(wanted, maxFrame - buffer.size());
        buffer.ensureFree(n);
        return n;
    }

    byte[] array() {
        return buffer.array();
    }

    int position() {
        return buffer.size();
    }

    /** Counts {@code n} bytes written in place. */
    void advance(int n) {
        buffer.advance(n);
        if (buffer.size() >= maxFrame) {
            flush();
        }
    }

    /** Hands on what has gathered as one frame. */
    void flush() {
        if (!buffer.isEmpty()) {
            out.frame(buffer.array(), 0, buffer.size());
            buffer.reset();
        }
    }

    /** Forgets what has gathered (the member it came from turned out corrupt). */
    void discard() {
        buffer.reset();
    }
}
