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
}
