package io.weir.pipeline.internal.processor.compression;

import java.nio.ByteBuffer;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import io.weir.api.processor.ProcessorException;

/**
 * Decompresses zstd frames with zstd-jni's streaming context, which takes input in pushed pieces
 * through direct buffers. Skippable frames are consumed without output. A frame whose window
 * (which the decoder allocates natively) exceeds the configured limit is refused.
 */
final class ZstdMemberDecoder implements MemberDecoder {
    private static final int BUFFER = 128 * 1024;
    private static final long MIB = 1024 * 1024;

    private final ZstdDecompressCtx context = new ZstdDecompressCtx();
    private final ByteBuffer input = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer output = ByteBuffer.allocateDirect(BUFFER);
    private final int windowLogMax;
    /** The frame's first bytes, kept to report the window of a refused frame. */
    private final FieldBuffer header = new FieldBuffer(ZstdFrameHeader.MAX_LENGTH);
    private boolean finished;

    /** @param windowLogMax the log of the largest window a frame may ask for */
    ZstdMemberDecoder(int windowLogMax) {
        this.windowLogMax = windowLogMax;
        reset();
    }

    @Override
    public int decode(byte[] data, int offset, int length, DecompressedOutput out) throws ProcessorException {
        header.fill(data, offset, length);
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
                throw new ProcessorException(describe(e), e);
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

    private String describe(ZstdException e) {
        // zstd-jni's streaming calls report the code negated, its others as it is
        if (Math.abs(e.getErrorCode()) != Zstd.errFrameParameterWindowTooLarge()) {
            return "zstd: corrupt data: " + e.getMessage();
        }
        long window = ZstdFrameHeader.windowSize(header.array(), header.size());
        String size = window < 0 ? "" : " (" + (window % MIB == 0 ? window / MIB + " MiB" : window + " bytes") + ")";
        return "zstd: the frame's window" + size + " is larger than option '" + DecompressPreprocessorFactory.MAX_WINDOW
                + "' allows (" + (1L << (windowLogMax - 20)) + " MiB)";
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void reset() {
        context.reset(); // resets the parameters too
        context.setLongMax(windowLogMax);
        header.expect(ZstdFrameHeader.MAX_LENGTH);
        finished = false;
    }

    @Override
    public void close() {
        context.close();
    }
}
