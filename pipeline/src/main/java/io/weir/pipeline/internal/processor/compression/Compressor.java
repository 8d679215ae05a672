package io.weir.pipeline.internal.processor.compression;

import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.ByteBuilder;

/** Compresses one record into one complete member of its format. One per stream, reused. */
interface Compressor {

    /** Appends the compressed form of the record to {@code out}. */
    void compress(byte[] data, int offset, int length, ByteBuilder out) throws ProcessorException;

    /** Frees native resources; the compressor is not used afterwards. */
    default void close() {
    }
}
