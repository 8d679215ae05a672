package io.weir.pipeline.internal.bytes;

import static org.junit.Assert.assertEquals;

import java.util.Random;

import org.junit.Test;

/** The word-wise scans against the obvious byte-by-byte loops, at every alignment and every byte value. */
public class ByteScanTest {

    private static int naiveIndexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean naivePlain(byte[] data, int length) {
        return naiveSkipPlain(data, 0, length) == length;
    }

    private static int naiveSkipPlain(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xFF;
            if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\') {
                return i;
            }
        }
        return to;
    }

    @Test
    public void findsEveryByteValueAtEveryPositionOfEveryRange() {
        for (int value = 0; value < 256; value++) {
            byte target = (byte) value;
            for (int at = 0; at < 40; at++) {
                byte[] data = new byte[40];
                // Neighbours one above and one below the target: the values a borrow or carry would confuse.
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) (i % 2 == 0 ? value + 1 : value - 1);
                }
                data[at] = target;
                for (int from = 0; from <= 20; from++) {
                    for (int to = from; to <= data.length; to += 3) {
                        assertEquals("value " + value + " at " + at + " in [" + from + "," + to + ")",
                                naiveIndexOf(data, from, to, target), ByteScan.indexOf(data, from, to, target));
                    }
                }
            }
        }
    }

    @Test
    public void findsTheFirstOfSeveral() {
        byte[] data = "abc\n\n\ndef\nghijklmnopq\n".getBytes();
        assertEquals(3, ByteScan.indexOf(data, 0, data.length, (byte) '\n'));
        assertEquals(9, ByteScan.indexOf(data, 6, data.length, (byte) '\n'));
        assertEquals(-1, ByteScan.indexOf(data, 10, 21, (byte) '\n'));
    }

    @Test
    public void agreesWithTheLoopOnRandomArrays() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] data = new byte[random.nextInt(70)];
            for (int i = 0; i < data.length; i++) {
                // Mostly plain text, now and then anything.
                data[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : (byte) (0x20 + random.nextInt(0x5F));
            }
            byte target = (byte) random.nextInt(256);
            int from = data.length == 0 ? 0 : random.nextInt(data.length);
            assertEquals(naiveIndexOf(data, from, data.length, target), ByteScan.indexOf(data, from, data.length, target));
            int length = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            assertEquals(naivePlain(data, length), (ByteScan.plainJsonText(data, length, (byte) 0) != ByteScan.NOT_PLAIN));
            int expected = !naivePlain(data, length) ? ByteScan.NOT_PLAIN
                    : naiveIndexOf(data, 0, length, target) >= 0 ? ByteScan.PLAIN_WITH_WATCHED : ByteScan.PLAIN;
            assertEquals(expected, ByteScan.plainJsonText(data, length, target));
            assertEquals(naiveSkipPlain(data, from, data.length), ByteScan.skipPlainJsonText(data, from, data.length));
        }
    }

    @Test
    public void plainTextIsPrintableAsciiWithoutQuoteOrBackslash() {
        for (int value = 0; value < 256; value++) {
            for (int at = 0; at < 24; at++) {
                byte[] data = new byte[24];
                java.util.Arrays.fill(data, (byte) 'a');
                data[at] = (byte) value;
                // A second special byte after the first: the first must be the one found.
                if (at + 3 < data.length) {
                    data[at + 3] = (byte) (value == 0 ? 1 : value - 1);
                }
                for (int length = 0; length <= data.length; length++) {
                    assertEquals("byte " + value + " at " + at + " of " + length, naivePlain(data, length),
                            (ByteScan.plainJsonText(data, length, (byte) 0) != ByteScan.NOT_PLAIN));
                    int watched = !naivePlain(data, length) ? ByteScan.NOT_PLAIN
                            : naiveIndexOf(data, 0, length, (byte) value) >= 0 ? ByteScan.PLAIN_WITH_WATCHED
                            : ByteScan.PLAIN;
                    assertEquals("watching " + value + " at " + at + " of " + length, watched,
                            ByteScan.plainJsonText(data, length, (byte) value));
                    for (int from = 0; from <= length; from++) {
                        assertEquals("byte " + value + " at " + at + " in [" + from + "," + length + ")",
                                naiveSkipPlain(data, from, length), ByteScan.skipPlainJsonText(data, from, length));
                    }
                }
            }
        }
    }
}
