package io.weir.pipeline.internal.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans byte arrays eight bytes at a time (one {@code long} read and a few word operations per eight
 * bytes instead of a compare and branch per byte). The codecs and processors spend much of their
 * time looking for one byte in long records or checking that a long string needs no escaping; these
 * are the loops that do it.
 */
public final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private ByteScan() {
    }

    /**
     * @param data  the bytes
     * @param from  the first index searched
     * @param to    the index after the last one searched
     * @param value the byte looked for
     * @return the first index in {@code [from, to)} holding {@code value}, or {@code -1}
     */
    public static int indexOf(byte[] data, int from, int to, byte value) {
        long pattern = ONES * (value & 0xFF);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(data, i) ^ pattern;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                // The lowest flagged byte is exact: a false flag can only follow a true one.
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the bytes are printable ASCII ({@code 0x20} to {@code 0x7E}) other than {@code "} and
     * {@code \}: a JSON string of them is written exactly as they are, between quotes.
     *
     * @param data   the bytes
     * @param length how many, from index 0
     * @return {@code true} when every byte is such a character
     */
    public static boolean isPlainJsonText(byte[] data, int length) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            long word = (long) LONGS.get(data, i);
            // A byte of 0x7F or more sets its own top bit in word | word + 1 (a carry only leaves a byte of 0xFF).
            long high = (word | (word + ONES)) & HIGHS;
            // Below 0x20, for bytes under 0x80 (the others are caught above).
            long control = (word - SPACES) & ~word & HIGHS;
            long quote = word ^ QUOTES;
            long backslash = word ^ BACKSLASHES;
            long special = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash) & HIGHS;
            if ((high | control | special) != 0) {
                return false;
            }
        }
        for (; i < length; i++) {
            int b = data[i];
            if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\') {
                return false;
            }
        }
        return true;
    }
}
