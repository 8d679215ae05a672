package io.weir.pipeline.internal.processor.compression;

import java.util.zip.CRC32C;

/** Constants and the masked CRC-32C of the snappy framing format. */
final class SnappyFraming {
    static final int COMPRESSED = 0x00;
    static final int UNCOMPRESSED = 0x01;
    static final int PADDING = 0xfe;
    static final int STREAM_IDENTIFIER = 0xff;
    /** The stream identifier chunk every snappy stream starts with. */
    static final byte[] STREAM_HEADER = {(byte) 0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59};
    /** The largest uncompressed content a chunk may carry. */
    static final int MAX_BLOCK = 65536;

    private SnappyFraming() {
    }

    /** @return the CRC-32C of the data, masked as the framing format prescribes */
    static int maskedCrc(CRC32C crc, byte[] data, int offset, int length) {
        crc.reset();
        crc.update(data, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }
}
