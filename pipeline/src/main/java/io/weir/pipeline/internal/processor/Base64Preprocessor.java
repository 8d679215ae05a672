package io.weir.pipeline.internal.processor;

import java.nio.ByteBuffer;
import java.util.Base64;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * Decodes each record from base64 (standard alphabet, padding optional). Works per record, so it
 * follows a framing preprocessor such as {@code separate}. Surrounding whitespace (a CR left by
 * CRLF lines) is ignored.
 */
final class Base64Preprocessor implements Processor {
    private final Base64.Decoder decoder = Base64.getDecoder();

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
        int start = offset;
        int end = offset + length;
        while (start < end && isSpace(data[start])) {
            start++;
        }
        while (end > start && isSpace(data[end - 1])) {
            end--;
        }
        ByteBuffer decoded;
        try {
            decoded = decoder.decode(ByteBuffer.wrap(data, start, end - start));
        } catch (IllegalArgumentException e) {
            throw new ProcessorException("base64: invalid input: " + e.getMessage(), e);
        }
        out.frame(decoded.array(), decoded.arrayOffset() + decoded.position(), decoded.remaining());
    }

    /** Works on whole records and keeps nothing between them. */
    @Override
    public byte[] unprocessed() {
        return new byte[0];
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\r' || b == '\n' || b == '\t';
    }
}
