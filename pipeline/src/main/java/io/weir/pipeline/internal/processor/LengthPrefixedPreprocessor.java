package io.weir.pipeline.internal.processor;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * Splits a stream of records each preceded by its length as a 4-byte big-endian unsigned integer.
 * A record wholly inside one input buffer is handed on straight from it. A record announced
 * longer than {@code maxLength} is skipped (so the stream stays in step) and reported once.
 */
final class LengthPrefixedPreprocessor implements Processor {
    private final int maxLength;
    private final ByteBuilder body = new ByteBuilder(1024);
    private int prefixBytes;
    private long announced;
    private long toSkip;

    LengthPrefixedPreprocessor(int maxLength) {
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
            if (prefixBytes < 4) {
                announced = (announced << 8) | (data[position++] & 0xFF);
                if (++prefixBytes < 4) {
                    continue;
                }
                if (announced > maxLength) {
                    overLong++;
                    longest = Math.max(longest, announced);
                    toSkip = announced;
                    resetFrame();
                    continue;
                }
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
            throw new ProcessorException("length-prefixed: skipped " + (overLong == 1 ? "a record" : overLong + " records")
                    + " of up to " + longest + " bytes, longer than max_length (" + maxLength + " bytes)");
        }
    }

    private void resetFrame() {
        prefixBytes = 0;
        announced = 0;
        body.clear();
    }

    @Override
    public void finish(FrameOutput out) throws ProcessorException {
        boolean truncated = prefixBytes > 0;
        String detail = prefixBytes < 4
                ? "inside a length prefix (" + prefixBytes + " of 4 bytes)"
                : "inside a record (" + body.size() + " of " + announced + " bytes)";
        resetFrame();
        toSkip = 0;
        if (truncated) {
            throw new ProcessorException("length-prefixed: the stream ended " + detail);
        }
    }
}
