package io.weir.pipeline.internal.processor;

import java.nio.charset.StandardCharsets;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;

/**
 * Frames each record for a byte stream: a separator after it, or a binary or textual length
 * before it. The framed record is handed on as one frame, so a message-oriented sink writes it as
 * one message. The buffer is reused from record to record.
 */
final class FramingPostprocessor implements Processor {
    /** How a record is framed. */
    enum Kind { SEPARATOR, LENGTH_PREFIX, TEXTUAL_LENGTH_PREFIX }

    private final Kind kind;
    private final byte separator;
    private final ByteBuilder framed = new ByteBuilder(1024);

    FramingPostprocessor(Kind kind, byte separator) {
        this.kind = kind;
        this.separator = separator;
    }

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) {
        framed.clear();
        switch (kind) {
            case SEPARATOR:
                framed.ensureFree(length + 1);
                framed.append(data, offset, length);
                framed.append(separator);
                break;
            case LENGTH_PREFIX:
                framed.ensureFree(length + 4);
                framed.appendIntBigEndian(length);
                framed.append(data, offset, length);
                break;
            case TEXTUAL_LENGTH_PREFIX:
                byte[] digits = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
                framed.ensureFree(length + digits.length + 1);
                framed.append(digits, 0, digits.length);
                framed.append((byte) ' ');
                framed.append(data, offset, length);
                break;
            default:
                throw new IllegalStateException(kind.toString());
        }
        out.frame(framed.array(), 0, framed.size());
    }
}
