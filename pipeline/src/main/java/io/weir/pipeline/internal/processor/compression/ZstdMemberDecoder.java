package io.weir.pipeline.internal.processor.compression;

import java.nio.ByteBuffer;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import io.weir.api.processor.ProcessorException;

/**
 * Decompresses zstd frames with zstd-jni's streaming context, which takes input in pushed pieces
 * through direct buffers. Skippable frames are consumed without output.
 */
final class ZstdMemberDecoder implements MemberDecoder {
    private static final int BUFFER = 128 * 1024;

    private final ZstdDecompressCtx context = new ZstdDecompressCtx();
    private final ByteBuffer input = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer output = ByteBuffer.allocateDirect(BUFFER);
    private boolean finished;

    @Override
    public int decode(byte[] data, int offset, int length, DecompressedOutput out) throws ProcessorException {
        int consumed = 0;
        while (consumed < length && !finished) {
            input.clear();
            input.put(data, offset + consumed, Math.min(BUFFER, length - consumed));
            input.flip();
            drain(out);
            consumed += input.position();
        }
        return consumed;
    }

    /** Runs the context until the input is used up and no output is pending, or the frame ends. */
    private void drain(DecompressedOutput out) throws ProcessorException {
        while (true) {
            output.clear();
            boolean frameDone;
            try {
                frameDone = context.decompressDirectByteBufferStream(output, input);
            } catch (ZstdException e) {
                throw new ProcessorException("zstd: corrupt data: " + e.getMessage(), e);
            }
            boolean outputFull = !output.hasRemaining();
            output.flip();
            out.write(output);
            if (frameDone) {
                finished = true;
                return;
            }
            if (!input.hasRemaining() && !outputFull) {
                return;
            }
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void reset() {
        context.reset();
        finished = false;
    }

    @Override
    public void close() {
        context.close();
    }
}
