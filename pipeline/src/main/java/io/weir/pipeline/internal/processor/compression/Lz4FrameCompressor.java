package io.weir.pipeline.internal.processor.compression;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import io.weir.pipeline.internal.processor.ByteBuilder;

/**
 * Compresses to one LZ4 frame: independent 64 KiB blocks, the content size and a content
 * checksum. Written here rather than through {@code LZ4FrameOutputStream}, which allocates
 * megabytes of buffers per frame.
 */
final class Lz4FrameCompressor implements Compressor {
    private static final int BLOCK = 64 * 1024;
    /** Version 01, independent blocks, content size, content checksum. */
    private static final int FLAGS = 0x40 | 0x20 | 0x08 | 0x04;
    /** Block maximum size id 4: 64 KiB. */
    private static final int BLOCK_DESCRIPTOR = 4 << 4;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestJavaInstance().fastCompressor();
    private static final XXHash32 HASH = XXHashFactory.fastestJavaInstance().hash32();

    private final byte[] descriptor = new byte[10];

    @Override
    public void compress(byte[] data, int offset, int length, ByteBuilder out) {
        out.appendIntLittleEndian(Lz4FrameDecoder.MAGIC);
        descriptor[0] = (byte) FLAGS;
        descriptor[1] = (byte) BLOCK_DESCRIPTOR;
        for (int i = 0; i < 8; i++) {
            descriptor[2 + i] = (byte) ((long) length >>> (8 * i));
        }
        out.append(descriptor, 0, 10);
        out.append((byte) ((HASH.hash(descriptor, 0, 10, 0) >>> 8) & 0xff));
        for (int at = offset, end = offset + length; at < end; at += BLOCK) {
            int n = Math.min(BLOCK, end - at);
            out.ensureFree(4 + COMPRESSOR.maxCompressedLength(n));
            int sizeAt = out.size();
            out.advance(4);
            int compressed = COMPRESSOR.compress(data, at, n, out.array(), out.size());
            int word;
            if (compressed < n) {
                out.advance(compressed);
                word = compressed;
            } else {
                System.arraycopy(data, at, out.array(), out.size(), n);
                out.advance(n);
                word = n | 0x80000000;
            }
            byte[] a = out.array();
            a[sizeAt] = (byte) word;
            a[sizeAt + 1] = (byte) (word >>> 8);
            a[sizeAt + 2] = (byte) (word >>> 16);
            a[sizeAt + 3] = (byte) (word >>> 24);
        }
        out.appendIntLittleEndian(0);
        out.appendIntLittleEndian(HASH.hash(data, offset, length, 0));
    }
}
