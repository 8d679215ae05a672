package io.weir.pipeline.internal.processor.compression;

/**
 * The compressed formats the {@code compress} and {@code decompress} processors know, with the
 * magic bytes that {@code autodetect} recognises them by.
 */
enum Format {
    GZIP("gzip"),
    ZLIB("zlib"),
    ZSTD("zstd"),
    LZ4("lz4"),
    SNAPPY("snappy"),
    /** Recognised only to say that it is not supported. */
    XZ("xz");

    /** The longest magic: snappy's stream identifier chunk. */
    static final int LONGEST_MAGIC = 10;

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] LZ4_MAGIC = {0x04, 0x22, 0x4d, 0x18};
    private static final byte[] SNAPPY_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59};
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00};
    private static final byte[][] MAGICS = {GZIP_MAGIC, ZSTD_MAGIC, LZ4_MAGIC, SNAPPY_MAGIC, XZ_MAGIC};

    private final String optionName;

    Format(String optionName) {
        this.optionName = optionName;
    }

    /** @return the name used in options and messages */
    String optionName() {
        return optionName;
    }

    /** @return the format with this option name */
    static Format named(String name) {
        for (Format f : values()) {
            if (f.optionName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /**
     * @param head the first bytes of a member
     * @param n    how many there are
     * @return the format whose magic they carry, or null when none matches (yet)
     */
    static Format detect(byte[] head, int n) {
        if (startsWith(head, n, GZIP_MAGIC)) {
            return GZIP;
        }
        if (startsWith(head, n, ZSTD_MAGIC) || isSkippableFrame(head, n)) {
            return ZSTD;
        }
        if (startsWith(head, n, LZ4_MAGIC)) {
            return LZ4;
        }
        if (startsWith(head, n, SNAPPY_MAGIC)) {
            return SNAPPY;
        }
        if (startsWith(head, n, XZ_MAGIC)) {
            return XZ;
        }
        if (n >= 2 && isZlibHeader(head[0], head[1])) {
            return ZLIB;
        }
        return null;
    }

    /** @return whether more bytes could still make {@code head} match a magic */
    static boolean couldMatch(byte[] head, int n) {
        if (n == 0) {
            return true;
        }
        if (n < 2 && head[0] == 0x78) {
            return true;
        }
        if (n < 4 && (head[0] & 0xf0) == 0x50 && (n < 2 || head[1] == 0x2a) && (n < 3 || head[2] == 0x4d)) {
            return true; // a skippable frame
        }
        for (byte[] magic : MAGICS) {
            if (n < magic.length && isPrefix(head, n, magic)) {
                return true;
            }
        }
        return false;
    }

    /** zstd (and lz4) skippable frames: magic 0x184D2A50 to 0x184D2A5F, little-endian. */
    private static boolean isSkippableFrame(byte[] head, int n) {
        return n >= 4 && (head[0] & 0xf0) == 0x50 && head[1] == 0x2a && head[2] == 0x4d && head[3] == 0x18;
    }

    /**
     * RFC 1950 with the 32 KiB window and no preset dictionary, the header every common zlib
     * writer produces ({@code 78 01}, {@code 78 5e}, {@code 78 9c}, {@code 78 da}). Narrower than
     * the RFC on purpose: the wider the test, the more plain text it mistakes for zlib.
     */
    static boolean isZlibHeader(byte cmf, byte flg) {
        return cmf == 0x78 && (flg & 0x20) == 0 && ((0x78 << 8) | (flg & 0xff)) % 31 == 0;
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        return n >= magic.length && isPrefix(magic, magic.length, head);
    }

    /** @return whether the first n bytes of a equal the first n bytes of b */
    private static boolean isPrefix(byte[] a, int n, byte[] b) {
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
