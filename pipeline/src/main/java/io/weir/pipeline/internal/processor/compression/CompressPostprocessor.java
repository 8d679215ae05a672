package io.weir.pipeline.internal.processor.compression;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.ByteBuilder;

/**
 * Compresses each record on its own into one complete member, so that every record can be
 * decompressed by itself (a datagram, a message) and a file of them is a valid concatenation.
 */
final class CompressPostprocessor implements Processor {
    private final Compressor compressor;
    private final ByteBuilder compressed = new ByteBuilder(4096);

    CompressPostprocessor(Compressor compressor) {
        this.compressor = compressor;
    }

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
        compressed.clear();
        compressor.compress(data, offset, length, compressed);
        out.frame(compressed.array(), 0, compressed.size());
    }

    @Override
    public void finish(FrameOutput out) {
        compressor.close();
    }
}
