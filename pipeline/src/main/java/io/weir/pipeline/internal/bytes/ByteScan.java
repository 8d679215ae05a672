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
    /** {@link #plainJsonText}: some byte is not plain JSON text. */
    public static final int NOT_PLAIN = 0;
    /** {@link #plainJsonText}: every byte is plain JSON text, and none is the one watched for. */
    public static final int PLAIN = 1;
    /** {@link #plainJsonText}: every byte is plain JSON text, and some are the one watched for. */
    public static final int PLAIN_WITH_WATCHED = 2;

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
     * {@code \}, which a JSON string holds exactly as they are, and in the same pass whether a given byte
     * occurs. Meant for long texts: it checks them whole, without a branch per word.
     *
     * @param data    the bytes
     * @param length  how many, from index 0
     * @param watched the byte looked for as well
     * @return {@link #NOT_PLAIN}, {@link #PLAIN} or {@link #PLAIN_WITH_WATCHED}
     */
    public static int plainJsonText(byte[] data, int length, byte watched) {
        long pattern = ONES * (watched & 0xFF);
        long special = 0;
        long seen = 0;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            long word = (long) LONGS.get(data, i);
            long quote = word ^ QUOTES;
            long backslash = word ^ BACKSLASHES;
            long match = word ^ pattern;
            // As in skipPlainJsonText; only whether any byte is flagged matters here.
            special |= word | (word + ONES) | (word - SPACES) | (quote - ONES) & ~quote
                    | (backslash - ONES) & ~backslash;
            seen |= (match - ONES) & ~match;
        }
        boolean plain = (special & HIGHS) == 0;
        boolean found = (seen & HIGHS) != 0;
        for (; i < length && plain; i++) {
            int b = data[i];
            plain = b >= 0x20 && b < 0x7F && b != '"' && b != '\\';
            found |= b == watched;
        }
        return !plain ? NOT_PLAIN : found ? PLAIN_WITH_WATCHED : PLAIN;
    }

    /**
     * Skips the bytes that stand for themselves in a JSON string: printable ASCII other than {@code "} and
     * {@code \}.
     *
     * @param data the bytes
     * @param from the first index looked at
     * @param to   the index after the last one looked at
     * @return the index of the first other byte in {@code [from, to)}, or {@code to}
     */
    public static int skipPlainJsonText(byte[] data, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(data, i);
            // Top bits set by: bytes of 0x80 or more (word itself), 0x7F (word + 1), under 0x20 (word - 0x20),
            // and zero bytes of word ^ quotes or word ^ backslashes. Carries and borrows run only upwards from
            // a flagged byte, so the lowest flag is exact.
            long quote = word ^ QUOTES;
            long backslash = word ^ BACKSLASHES;
            long flags = (word | (word + ONES) | (word - SPACES) | (quote - ONES) & ~quote
                    | (backslash - ONES) & ~backslash) & HIGHS;
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
        }
        for (; i < to; i++) {
            int b = data[i];
            if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\') {
                return i;
            }
        }
        return to;
    }
}
