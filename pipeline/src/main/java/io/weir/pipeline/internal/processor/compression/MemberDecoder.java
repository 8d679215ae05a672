package io.weir.pipeline.internal.processor.compression;

import io.weir.api.processor.ProcessorException;

/**
 * Decompresses one member (a gzip member, a zstd or lz4 frame, a snappy stream) from input pushed
 * in pieces of any size. One per format and stream, reused from member to member.
 */
interface MemberDecoder {

    /**
     * Decompresses what it can of the input into {@code out}.
     *
     * @return how many bytes it consumed: all of them, or fewer when the member ended before
     * @throws ProcessorException when the data is corrupt; {@link #reset()} must follow
     */
    int decode(byte[] data, int offset, int length, DecompressedOutput out) throws ProcessorException;

    /** @return whether the member is complete, so that the next byte starts a new one */
    boolean finished();

    /** @return whether the stream may end here without being truncated */
    default boolean mayEndHere() {
        return finished();
    }

    /** Makes the decoder ready for a new member. */
    void reset();

    /** Frees native resources; the decoder is not used afterwards. */
    default void close() {
    }
}
