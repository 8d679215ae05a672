package io.weir.pipeline.internal.processor.compression;

import java.io.IOException;
import java.util.zip.CRC32C;

import org.xerial.snappy.Snappy;

import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.ByteBuilder;

/**
 * Compresses to one snappy framed stream (stream identifier, then 64 KiB chunks, each stored
 * uncompressed when snappy does not shrink it by an eighth, as snappy-java does).
 */
final class SnappyFrameCompressor implements Compressor {
    private final CRC32C crc = new CRC32C();

    SnappyFrameCompressor() {
        Snappy.maxCompressedLength(0); // loads the native library now, where a failure is reported clearly
    }

    @Override
    public void compress(byte[] data, int offset, int length, ByteBuilder out) throws ProcessorException {
        out.append(SnappyFraming.STREAM_HEADER, 0, SnappyFraming.STREAM_HEADER.length);
        for (int at = offset, end = offset + length; at < end; at += SnappyFraming.MAX_BLOCK) {
            int n = Math.min(SnappyFraming.MAX_BLOCK, end - at);
            int checksum = SnappyFraming.maskedCrc(crc, data, at, n);
            out.ensureFree(8 + Snappy.maxCompressedLength(n));
            int headerAt = out.size();
            out.advance(8);
            int compressed;
            try {
                compressed = Snappy.compress(data, at, n, out.array(), out.size());
            } catch (IOException e) {
                throw new ProcessorException("compress: snappy failed: " + e.getMessage(), e);
            }
            int type = SnappyFraming.COMPRESSED;
            if (compressed > n - n / 8) {
                System.arraycopy(data, at, out.array(), out.size(), n);
                compressed = n;
                type = SnappyFraming.UNCOMPRESSED;
            }
            out.advance(compressed);
            byte[] a = out.array();
            int chunkLength = compressed + 4;
            a[headerAt] = (byte) type;
            a[headerAt + 1] = (byte) chunkLength;
            a[headerAt + 2] = (byte) (chunkLength >>> 8);
            a[headerAt + 3] = (byte) (chunkLength >>> 16);
            a[headerAt + 4] = (byte) checksum;
            a[headerAt + 5] = (byte) (checksum >>> 8);
            a[headerAt + 6] = (byte) (checksum >>> 16);
            a[headerAt + 7] = (byte) (checksum >>> 24);
        }
    }
}
