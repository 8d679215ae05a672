package io.weir.pipeline.internal.processor;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * Packs whole records into chunks of at most {@code maxBytes} (a datagram, a request body). A
 * record is never split: when the next one does not fit, the chunk so far is handed on; a record
 * larger than {@code maxBytes} on its own is dropped and reported. What is left is handed on when
 * the stream ends.
 */
final class ChunkPostprocessor implements Processor {
    private final int maxBytes;
    private final ByteBuilder chunk = new ByteBuilder(1024);

    ChunkPostprocessor(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
        if (length > maxBytes) {
            throw new ProcessorException("chunk: dropped a record of " + length + " bytes, larger than max_bytes (" + maxBytes + ")");
        }
        if ((long) chunk.size() + length > maxBytes) {
            flush(out);
        }
        if (chunk.isEmpty() && length == maxBytes) {
            out.frame(data, offset, length);
            return;
        }
        chunk.append(data, offset, length);
        if (chunk.size() == maxBytes) {
            flush(out);
        }
    }

    private void flush(FrameOutput out) {
        if (!chunk.isEmpty()) {
            out.frame(chunk.array(), 0, chunk.size());
            chunk.clear();
        }
    }

    @Override
    public void finish(FrameOutput out) {
        flush(out);
    }
}
