package io.weir.pipeline.internal.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding with a fast path for pure ASCII, which needs no validation. One per
 * decoder: the JDK's {@link CharsetDecoder} is not thread-safe.
 */
final class Utf8 {
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** @throws CharacterCodingException when the bytes are not valid UTF-8 */
    String decode(byte[] data, int offset, int length) throws CharacterCodingException {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (data[i] < 0) {
                return strict.decode(ByteBuffer.wrap(data, offset, length)).toString();
            }
        }
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Finds the first byte that does not start a well-formed UTF-8 sequence (RFC 3629): a stray continuation byte,
     * a truncated sequence, an overlong form ({@code C0 AF} for '/'), a surrogate ({@code ED A0..BF}) or a code
     * point beyond U+10FFFF. Allocates nothing.
     *
     * @return the index of that byte in {@code data}, or -1 when all of it is valid
     */
    static int invalidAt(byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = data[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int more;
            int low = 0x80;
            int high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                more = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                more = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;
                high = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                more = 3;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i;
            }
            if (i + more >= end) {
                // Cut off by the end of the record.
                return i;
            }
            int second = data[i + 1] & 0xFF;
            if (second < low || second > high) {
                return i;
            }
            for (int k = 2; k <= more; k++) {
                if ((data[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += more + 1;
        }
        return -1;
    }
}
