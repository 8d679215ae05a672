package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.Test;

public class Utf8Test {
    /** The JDK's strict decoder follows RFC 3629: the validator must agree with it on every input. */
    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void agrees(byte[] bytes) {
        assertEquals(Arrays.toString(bytes), jdkAccepts(bytes), Utf8.invalidAt(bytes, 0, bytes.length) < 0);
    }

    @Test
    public void agreesWithTheJdkOnEveryOneAndTwoByteInput() {
        for (int a = 0; a < 256; a++) {
            agrees(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                agrees(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    public void agreesWithTheJdkOnEveryThreeByteInputThatStartsALongSequence() {
        for (int a = 0xE0; a < 0xF8; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    agrees(new byte[] {(byte) a, (byte) b, (byte) c});
                }
            }
        }
    }

    @Test
    public void agreesWithTheJdkOnRandomLongerInputsAndFindsTheFirstBadByte() {
        Random random = new Random(42);
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly lead and continuation bytes, where the mistakes are.
                int pick = random.nextInt(4);
                bytes[i] = (byte) (pick == 0 ? random.nextInt(0x80) : pick == 1 ? 0x80 + random.nextInt(0x40)
                        : 0xC0 + random.nextInt(0x40));
            }
            agrees(bytes);
        }
        byte[] text = "ok é \u20ac \uD83D\uDE00 then".getBytes(StandardCharsets.UTF_8);
        byte[] bad = Arrays.copyOf(text, text.length + 3);
        bad[text.length] = (byte) 0xC0;
        bad[text.length + 1] = (byte) 0xAF;
        bad[text.length + 2] = 'x';
        assertEquals(-1, Utf8.invalidAt(text, 0, text.length));
        assertEquals(text.length, Utf8.invalidAt(bad, 0, bad.length));
        // The index is the array's, whatever the offset.
        assertEquals(text.length, Utf8.invalidAt(bad, text.length - 2, 5));
    }
}
