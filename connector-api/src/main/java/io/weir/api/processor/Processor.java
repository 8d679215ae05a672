package io.weir.api.processor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One stage of a stream's pre- or postprocessor chain. Used by one thread at a time.
 */
@ConsumerType
public interface Processor {

    /**
     * Processes the next bytes of the stream and hands every complete frame it can form to
     * {@code out}, in order.
     *
     * @param data   the buffer; only valid during this call (copy what you keep)
     * @param offset where the bytes start
     * @param length how many bytes
     * @param out    receives the frames; only valid during this call
     * @throws ProcessorException when the input is malformed (a frame over the size limit, bad
     *                            base64). The runtime sends the reason and the raw bytes to the
     *                            connector's {@code err} port and goes on with the stream; the
     *                            processor must leave itself ready for the next call.
     */
    void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException;

    /**
     * The stream ended: hand out what is still buffered (a last line without separator). The
     * processor is discarded afterwards.
     *
     * @param out receives the frames
     * @throws ProcessorException when what is buffered is malformed (a truncated frame)
     */
    default void finish(FrameOutput out) throws ProcessorException {
    }

    /**
     * The processor is being replaced by a new version of its plugin while the stream goes on (a hot swap):
     * returns the input it has taken and not handed on as frames yet (half a line), so that the new version's
     * processor, given these bytes first, carries on exactly where this one stopped. The processor is
     * discarded afterwards.
     *
     * <p>Return {@code null} when what is buffered cannot be expressed as input bytes (a decompressor's
     * window): the runtime then ends the stream as at its end ({@link #finish}).
     *
     * @return the buffered input, in stream order; empty when nothing is buffered; {@code null} when it cannot
     *         be handed over
     * @since 1.1
     */
    default byte[] unprocessed() {
        return null;
    }
}
