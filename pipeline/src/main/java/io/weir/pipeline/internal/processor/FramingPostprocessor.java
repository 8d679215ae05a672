package io.weir.pipeline.internal.processor;

import java.nio.charset.StandardCharsets;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;

/**
 * Frames each record for a byte stream: a separator after it, or a binary or textual length
 * before it. The framed record is handed on as one frame, so a message-oriented sink writes it as
 * one message. Each framed record is a new array that is handed over ({@link FrameOutput#handOver}):
 * the runtime keeps it instead of copying it once more.
 */
final class FramingPostprocessor implements Processor {
    /** How a record is framed. */
    enum Kind { SEPARATOR, LENGTH_PREFIX, TEXTUAL_LENGTH_PREFIX }

    private final Kind kind;
    private final byte separator;

    FramingPostprocessor(Kind kind, byte separator) {
        this.kind = kind;
        this.separator = separator;
    }

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) {
        byte[] framed;
        switch (kind) {
            case SEPARATOR:
                framed = new byte[length + 1];
                System.arraycopy(data, offset, framed, 0, length);
                framed[length] = separator;
                break;
            case LENGTH_PREFIX:
                framed = new byte[length + 4];
                framed[0] = (byte) (length >>> 24);
                framed[1] = (byte) (length >>> 16);
                framed[2] = (byte) (length >>> 8);
                framed[3] = (byte) length;
                System.arraycopy(data, offset, framed, 4, length);
                break;
            case TEXTUAL_LENGTH_PREFIX:
                byte[] digits = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
                framed = new byte[digits.length + 1 + length];
                System.arraycopy(digits, 0, framed, 0, digits.length);
                framed[digits.length] = ' ';
                System.arraycopy(data, offset, framed, digits.length + 1, length);
                break;
            default:
                throw new IllegalStateException(kind.toString());
        }
        out.handOver(framed);
    }
}
