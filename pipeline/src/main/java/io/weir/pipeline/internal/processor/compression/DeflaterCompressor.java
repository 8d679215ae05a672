package io.weir.pipeline.internal.processor.compression;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.weir.pipeline.internal.processor.ByteBuilder;

/** Compresses to a gzip member (RFC 1952) or a zlib stream (RFC 1950) with the JDK's {@link Deflater}. */
final class DeflaterCompressor implements Compressor {
    /** Magic, method deflate, no flags, no time, no extra flags, OS unknown. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final boolean gzip;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();

    DeflaterCompressor(boolean gzip, int level) {
        this.gzip = gzip;
        this.deflater = new Deflater(level, gzip);
    }

    @Override
    public void compress(byte[] data, int offset, int length, ByteBuilder out) {
        deflater.reset();
        if (gzip) {
            out.append(GZIP_HEADER, 0, GZIP_HEADER.length);
        }
        deflater.setInput(data, offset, length);
        deflater.finish();
        while (!deflater.finished()) {
            out.ensureFree(Math.max(256, length / 2));
            int free = out.array().length - out.size();
            out.advance(deflater.deflate(out.array(), out.size(), free));
        }
        if (gzip) {
            crc.reset();
            crc.update(data, offset, length);
            out.appendIntLittleEndian((int) crc.getValue());
            out.appendIntLittleEndian(length);
        }
    }

    @Override
    public void close() {
        deflater.end();
    }
}
