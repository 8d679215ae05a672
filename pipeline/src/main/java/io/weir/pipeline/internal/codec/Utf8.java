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
}
