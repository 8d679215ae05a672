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
}
