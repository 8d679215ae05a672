package io.weir.pipeline.internal.processor.compression;

import java.io.IOException;
import java.util.zip.CRC32C;

import org.xerial.snappy.Snappy;

import io.weir.api.processor.ProcessorException;

/**
 * Decompresses the snappy framing format (the format of snappy-java's framed streams and of
 * {@code snzip -t framing2}) from pushed input, chunk by chunk, with CRC-32C checks. A snappy
 * stream has no end marker: it ends with the input, between two chunks.
 */
final class SnappyFrameDecoder implements MemberDecoder {
    /** Snappy's worst case for a 64 KiB block, plus the checksum. */
    private static final int MAX_DATA_CHUNK = 32 + SnappyFraming.MAX_BLOCK + SnappyFraming.MAX_BLOCK / 6 + 4;

    private final FieldBuffer header = new FieldBuffer(4);
    private final FieldBuffer body = new FieldBuffer(16 * 1024);
    private final CRC32C crc = new CRC32C();
    private final byte[] uncompressed = new byte[SnappyFraming.MAX_BLOCK];
    private boolean started;
    private boolean inBody;
    private int chunkType;
    private long toSkip;

    SnappyFrameDecoder() {
        Snappy.maxCompressedLength(0); // loads the native library now, where a failure is reported clearly
        reset();
    }

    @Override
    public int decode(byte[] data, int offset, int length, DecompressedOutput out) throws ProcessorException {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (toSkip > 0) {
                int n = (int) Math.min(toSkip, end - position);
                position += n;
                toSkip -= n;
            } else if (!inBody) {
                position += header.fill(data, position, end - position);
                if (header.complete()) {
                    startChunk();
                }
            } else {
                position += body.fill(data, position, end - position);
                if (body.complete()) {
                    endChunk(out);
                }
            }
        }
        return position - offset;
    }

    private void startChunk() throws ProcessorException {
        chunkType = header.u8(0);
        int length = header.u24le(1);
        header.expect(4);
        if (!started && chunkType != SnappyFraming.STREAM_IDENTIFIER) {
            throw new ProcessorException("snappy: not snappy framed data (no stream identifier)");
        }
        switch (chunkType) {
            case SnappyFraming.STREAM_IDENTIFIER:
                if (length != 6) {
                    throw new ProcessorException("snappy: corrupt stream identifier");
                }
                break;
            case SnappyFraming.COMPRESSED:
            case SnappyFraming.UNCOMPRESSED:
                if (length < 4 || length > MAX_DATA_CHUNK) {
                    throw new ProcessorException("snappy: corrupt data (chunk of " + length + " bytes)");
                }
                break;
            default:
                if (chunkType < 0x80) {
                    throw new ProcessorException("snappy: unsupported chunk type 0x" + Integer.toHexString(chunkType));
                }
                toSkip = length; // padding and reserved skippable chunks
                return;
        }
        body.expect(length);
        inBody = true;
    }

    private void endChunk(DecompressedOutput out) throws ProcessorException {
        inBody = false;
        byte[] bytes = body.array();
        int length = body.size();
        if (chunkType == SnappyFraming.STREAM_IDENTIFIER) {
            for (int i = 0; i < 6; i++) {
                if (bytes[i] != SnappyFraming.STREAM_HEADER[4 + i]) {
                    throw new ProcessorException("snappy: corrupt stream identifier");
                }
            }
            started = true;
            return;
        }
        int expectedCrc = body.i32le(0);
        byte[] plain = bytes;
        int from = 4;
        int n = length - 4;
        if (chunkType == SnappyFraming.COMPRESSED) {
            try {
                if (Snappy.uncompressedLength(bytes, 4, length - 4) > SnappyFraming.MAX_BLOCK) {
                    throw new ProcessorException("snappy: corrupt data (chunk larger than 64 KiB)");
                }
                n = Snappy.uncompress(bytes, 4, length - 4, uncompressed, 0);
            } catch (IOException e) {
                throw new ProcessorException("snappy: corrupt data: " + e.getMessage(), e);
            }
            plain = uncompressed;
            from = 0;
        } else if (n > SnappyFraming.MAX_BLOCK) {
            throw new ProcessorException("snappy: corrupt data (chunk larger than 64 KiB)");
        }
        if (SnappyFraming.maskedCrc(crc, plain, from, n) != expectedCrc) {
            throw new ProcessorException("snappy: corrupt data (CRC-32C mismatch)");
        }
        out.write(plain, from, n);
    }

    @Override
    public boolean finished() {
        return false;
    }

    @Override
    public boolean mayEndHere() {
        return started && !inBody && toSkip == 0 && !header.partial();
    }

    @Override
    public void reset() {
        header.expect(4);
        started = false;
        inBody = false;
        toSkip = 0;
    }
}
