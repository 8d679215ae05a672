package io.weir.pipeline.internal.processor;

import java.util.Arrays;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * Splits a stream of records each preceded by its length; subclasses read the prefix, this class the
 * records. A record wholly inside one input buffer is handed on straight from it. A record announced
 * longer than {@code maxLength} is skipped (so the stream stays in step) and reported once per input. A stream
 * that ends before a record is complete, skipped or not, is reported at {@link #finish}.
 */
abstract class LengthPrefixedSplitter implements Processor {
    private final String name;
    private final int maxLength;
    private final ByteBuilder body = new ByteBuilder(1024);
    private long announced;
    /** The prefix is complete and {@code announced} bytes of record follow. */
    private boolean inBody;
    private long toSkip;
    /** The announced length of the record being skipped, for the message of a truncated stream. */
    private long skipping;

    LengthPrefixedSplitter(String name, int maxLength) {
        this.name = name;
        this.maxLength = maxLength;
    }

    /**
     * Takes the next byte of a length prefix.
     *
     * @return the announced length once the prefix is complete, -1 while it goes on
     * @throws ProcessorException when the prefix is malformed; the splitter then starts a new prefix
     */
    abstract long prefixByte(byte b) throws ProcessorException;

    /** @return whether a prefix has begun (bytes of it, or of its record, were read) */
    abstract boolean prefixStarted();

    /** @return where in a prefix the stream stopped, for the message of a truncated stream */
    abstract String inPrefix();

    /** Forgets the prefix read so far. */
    abstract void resetPrefix();

    /**
     * Writes the prefix read so far back as the bytes it was read from, for {@link #unprocessed()}.
     *
     * @param complete whether the prefix was complete (its record's body follows)
     */
    abstract void unreadPrefix(ByteBuilder to, boolean complete);

    @Override
    public final void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
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
                long length0;
                try {
                    length0 = prefixByte(data[position++]);
                } catch (ProcessorException e) {
                    resetFrame();
                    throw e;
                }
                if (length0 < 0) {
                    continue;
                }
                if (length0 > maxLength) {
                    overLong++;
                    longest = Math.max(longest, length0);
                    toSkip = length0;
                    skipping = length0;
                    resetFrame();
                    continue;
                }
                announced = length0;
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
            throw new ProcessorException(name + ": skipped " + (overLong == 1 ? "a record" : overLong + " records")
                    + " of up to " + longest + " bytes, longer than max_length (" + maxLength + " bytes)");
        }
    }

    private void resetFrame() {
        resetPrefix();
        announced = 0;
        inBody = false;
        body.clear();
    }

    @Override
    public final void finish(FrameOutput out) throws ProcessorException {
        boolean truncated = prefixStarted() || toSkip > 0;
        String detail;
        if (toSkip > 0) {
            detail = "inside a record skipped as longer than max_length (" + (skipping - toSkip) + " of " + skipping
                    + " bytes)";
        } else {
            detail = inBody ? "inside a record (" + body.size() + " of " + announced + " bytes)" : inPrefix();
        }
        resetFrame();
        toSkip = 0;
        if (truncated) {
            throw new ProcessorException(name + ": the stream ended " + detail);
        }
    }

    /**
     * The prefix and body of the unfinished record, as they were read; nothing can be handed over while an
     * over-long record is being skipped.
     */
    @Override
    public final byte[] unprocessed() {
        if (toSkip > 0) {
            return null;
        }
        ByteBuilder read = new ByteBuilder(16 + body.size());
        if (prefixStarted()) {
            unreadPrefix(read, inBody);
        }
        read.append(body.array(), 0, body.size());
        return Arrays.copyOf(read.array(), read.size());
    }
}
