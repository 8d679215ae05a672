package io.weir.pipeline.internal.processor;

import java.util.Arrays;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.bytes.ByteScan;

/**
 * Splits a stream into the records between separator bytes. A record that lies wholly inside one
 * input buffer is handed on straight from it; only the unfinished tail is copied. A record longer
 * than {@code maxLength} is discarded up to the next separator and reported once, after the
 * records around it in the same buffer have been handed on.
 */
final class SeparatePreprocessor implements Processor {
    private final byte separator;
    private final int maxLength;
    private final ByteBuilder tail = new ByteBuilder(1024);
    /** Inside an over-long record: bytes are dropped until the next separator. */
    private boolean discarding;

    SeparatePreprocessor(byte separator, int maxLength) {
        this.separator = separator;
        this.maxLength = maxLength;
    }

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
        int end = offset + length;
        int position = offset;
        int overLong = 0;
        while (position < end) {
            int found = ByteScan.indexOf(data, position, end, separator);
            if (found < 0) {
                int rest = end - position;
                if (!discarding) {
                    if ((long) tail.size() + rest > maxLength) {
                        tail.clear();
                        discarding = true;
                        overLong++;
                    } else {
                        tail.append(data, position, rest);
                    }
                }
                break;
            }
            int part = found - position;
            if (discarding) {
                discarding = false;
            } else if ((long) tail.size() + part > maxLength) {
                tail.clear();
                overLong++;
            } else if (tail.isEmpty()) {
                out.frame(data, position, part);
            } else {
                tail.append(data, position, part);
                out.frame(tail.array(), 0, tail.size());
                tail.clear();
            }
            position = found + 1;
        }
        if (overLong > 0) {
            throw new ProcessorException("separate: discarded " + (overLong == 1 ? "a record" : overLong + " records")
                    + " longer than max_length (" + maxLength + " bytes)");
        }
    }

    @Override
    public void finish(FrameOutput out) {
        if (!discarding && !tail.isEmpty()) {
            out.frame(tail.array(), 0, tail.size());
        }
        tail.clear();
        discarding = false;
    }

    /** The unfinished record; nothing can be handed over while an over-long record is being dropped. */
    @Override
    public byte[] unprocessed() {
        return discarding ? null : Arrays.copyOf(tail.array(), tail.size());
    }
}
