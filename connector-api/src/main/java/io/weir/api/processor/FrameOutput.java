package io.weir.api.processor;

import org.osgi.annotation.versioning.ProviderType;

/** Receives the frames a {@link Processor} forms. Implemented by the runtime. */
@ProviderType
public interface FrameOutput {

    /**
     * Takes one frame. The runtime processes it before returning, so the caller may reuse the
     * buffer afterwards.
     *
     * @param data   the buffer
     * @param offset where the frame starts
     * @param length its length
     */
    void frame(byte[] data, int offset, int length);

    /**
     * Takes one frame that fills an array of its own, which the caller hands over: the runtime may keep the array
     * instead of copying it. Call it for a frame made for this call alone; the caller must not read or change the
     * array afterwards. The default takes the frame as {@link #frame} does.
     *
     * @param frame the frame, the whole array
     * @since processor 1.2
     */
    default void handOver(byte[] frame) {
        frame(frame, 0, frame.length);
    }
}
