package io.weir.pipeline.internal.processor;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * Splits a stream of records each preceded by its length in ASCII decimal digits and a space
 * ({@code 5 hello}), the octet counting of RFC 5425 and RFC 6587. A record announced longer than
 * {@code maxLength} is skipped and reported once. A malformed prefix cannot be resynchronised
 * within the buffer, so the rest of that buffer is dropped with the report and the next buffer
 * is read as starting with a prefix.
 */
final class TextualLengthPrefixedPreprocessor implements Processor {
    /** More digits than this cannot be a sane length (and would overflow a long). */
    private static final int MAX_DIGITS = 18;

    private final int maxLength;
    private final ByteBuilder body = new ByteBuilder(1024);
    private int digits;
    private long announced;
    /** The prefix is complete and {@code announced} bytes of record follow. */
    private boolean inBody;
    private long toSkip;

    TextualLengthPrefixedPreprocessor(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
        int end = offset + length;
        int position = offset;
        int overLong = 0;
        long longest = 0;
        while (position < end) {
            if (toSkip > 0) {
                int skipped = (int) Math.min(toSkip, end - position);
                toSkip -= skipped;
                position += skipped;
                continue;
            }
            if (!inBody) {
                byte b = data[position++];
                if (b >= '0' && b <= '9' && digits < MAX_DIGITS) {
                    announced = announced * 10 + (b - '0');
                    digits++;
                    continue;
                }
                if (b != ' ' || digits == 0) {
                    String problem = describe(b);
                    resetFrame();
                    throw new ProcessorException("textual-length-prefixed: expected a decimal length followed by a space, got "
                            + problem + "; dropped the rest of this input");
                }
                if (announced > maxLength) {
                    overLong++;
                    longest = Math.max(longest, announced);
                    toSkip = announced;
                    resetFrame();
                    continue;
                }
                inBody = true;
                if (announced == 0) {
                    out.frame(data, position, 0);
                    resetFrame();
                }
                continue;
            }
            int need = (int) announced - body.size();
            if (body.isEmpty() && end - position >= need) {
                out.frame(data, position, need);
                position += need;
                resetFrame();
            } else {
                int taken = Math.min(need, end - position);
                body.append(data, position, taken);
                position += taken;
                if (body.size() == announced) {
                    out.frame(body.array(), 0, body.size());
                    resetFrame();
                }
            }
        }
        if (overLong > 0) {
            throw new ProcessorException("textual-length-prefixed: skipped " + (overLong == 1 ? "a record" : overLong + " records")
                    + " of up to " + longest + " bytes, longer than max_length (" + maxLength + " bytes)");
        }
    }

    private String describe(byte b) {
        if (digits >= MAX_DIGITS) {
            return "more than " + MAX_DIGITS + " digits";
        }
        if (b == ' ') {
            return "a space before any digit";
        }
        return b >= 0x21 && b <= 0x7E ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xFF);
    }

    private void resetFrame() {
        digits = 0;
        announced = 0;
        inBody = false;
        body.clear();
    }

    @Override
    public void finish(FrameOutput out) throws ProcessorException {
        boolean truncated = digits > 0;
        String detail = inBody
                ? "inside a record (" + body.size() + " of " + announced + " bytes)"
                : "inside a length prefix";
        resetFrame();
        toSkip = 0;
        if (truncated) {
            throw new ProcessorException("textual-length-prefixed: the stream ended " + detail);
        }
    }
}
