package io.weir.pipeline.internal.processor.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;

import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.ByteBuilder;

/** Compresses to one zstd frame (with its content size and a checksum) with zstd-jni. */
final class ZstdCompressor implements Compressor {
    private final ZstdCompressCtx context = new ZstdCompressCtx();

    ZstdCompressor(int level) {
        context.setLevel(level);
        context.setChecksum(true);
    }

    @Override
    public void compress(byte[] data, int offset, int length, ByteBuilder out) throws ProcessorException {
        int bound = (int) Zstd.compressBound(length);
        out.ensureFree(bound);
        try {
            out.advance(context.compressByteArray(out.array(), out.size(), bound, data, offset, length));
        } catch (ZstdException e) {
            throw new ProcessorException("compress: zstd failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
