package io.weir.pipeline.internal.processor.compression;

/**
 * Reads the window size from a zstd frame header (RFC 8878, section 3.1.1.1), so that a frame
 * refused for its window can be reported with the size it asked for.
 */
final class ZstdFrameHeader {
    /** Magic, descriptor, window descriptor, dictionary id and content size at their longest. */
    static final int MAX_LENGTH = 18;

    private static final int MAGIC = 0xFD2FB528;
    private static final int[] DICTIONARY_ID_SIZES = {0, 1, 2, 4};
    private static final int[] CONTENT_SIZE_SIZES = {1, 2, 4, 8};

    private ZstdFrameHeader() {
    }

    /**
     * @param header the first bytes of a frame
     * @param n      how many there are
     * @return the window size in bytes, or -1 when they are not (yet) a zstd frame header
     */
    static long windowSize(byte[] header, int n) {
        if (n < 5 || littleEndian(header, 0, 4) != (MAGIC & 0xffffffffL)) {
            return -1;
        }
        int descriptor = header[4] & 0xff;
        if ((descriptor & 0x20) == 0) {
            if (n < 6) {
                return -1;
            }
            int windowDescriptor = header[5] & 0xff;
            long base = 1L << (10 + (windowDescriptor >>> 3));
            return base + base / 8 * (windowDescriptor & 7);
        }
        // a single-segment frame's window is its content size
        int at = 5 + DICTIONARY_ID_SIZES[descriptor & 3];
        int size = CONTENT_SIZE_SIZES[descriptor >>> 6];
        if (n < at + size) {
            return -1;
        }
        long contentSize = littleEndian(header, at, size);
        return size == 2 ? contentSize + 256 : contentSize;
    }

    private static long littleEndian(byte[] bytes, int at, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xff);
        }
        return value;
    }
}
