package io.weir.pipeline.internal.processor;

/**
 * Splits a stream of records each preceded by its length as a 4-byte big-endian unsigned integer.
 */
final class LengthPrefixedPreprocessor extends LengthPrefixedSplitter {
    private int prefixBytes;
    private long prefix;

    LengthPrefixedPreprocessor(int maxLength) {
        super("length-prefixed", maxLength);
    }

    @Override
    long prefixByte(byte b) {
        prefix = (prefix << 8) | (b & 0xFF);
        return ++prefixBytes < 4 ? -1 : prefix;
    }

    @Override
    boolean prefixStarted() {
        return prefixBytes > 0;
    }

    @Override
    String inPrefix() {
        return "inside a length prefix (" + prefixBytes + " of 4 bytes)";
    }

    @Override
    void resetPrefix() {
        prefixBytes = 0;
        prefix = 0;
    }

    @Override
    void unreadPrefix(ByteBuilder to, boolean complete) {
        for (int i = prefixBytes - 1; i >= 0; i--) {
            to.append((byte) (prefix >>> (8 * i)));
        }
    }
}
