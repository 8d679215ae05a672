package io.weir.pipeline.internal.processor.compression;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import io.weir.api.processor.ProcessorException;

/**
 * Decompresses LZ4 frames (the LZ4 frame format, magic 0x184D2204) from pushed input, with
 * lz4-java's block decompressor and xxHash checks. Frames must use independent blocks and no
 * dictionary, which is what lz4-java, the {@code lz4} command and this bundle's compressor
 * produce. Skippable frames are consumed without output.
 */
final class Lz4FrameDecoder implements MemberDecoder {
    static final int MAGIC = 0x184D2204;
    private static final int FLAG_BLOCK_INDEPENDENCE = 0x20;
    private static final int FLAG_BLOCK_CHECKSUM = 0x10;
    private static final int FLAG_CONTENT_SIZE = 0x08;
    private static final int FLAG_CONTENT_CHECKSUM = 0x04;
    private static final int FLAG_DICTIONARY = 0x01;

    private enum State { MAGIC, DESCRIPTOR, DESCRIPTOR_REST, BLOCK_SIZE, BLOCK, CONTENT_CHECKSUM, SKIP_SIZE, SKIP, DONE }

    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestJavaInstance().safeDecompressor();
    private static final XXHash32 HASH = XXHashFactory.fastestJavaInstance().hash32();

    private final FieldBuffer field = new FieldBuffer(16);
    private final FieldBuffer block = new FieldBuffer(64 * 1024);
    private final StreamingXXHash32 contentHash = XXHashFactory.fastestJavaInstance().newStreamingHash32(0);
    private byte[] decompressed = new byte[0];
    private State state;
    private int flags;
    private int maxBlockSize;
    private boolean blockUncompressed;
    private int blockSize;
    private long contentSize;
    private long produced;
    private long toSkip;

    Lz4FrameDecoder() {
        reset();
    }

    @Override
    public int decode(byte[] data, int offset, int length, DecompressedOutput out) throws ProcessorException {
        int position = offset;
        int end = offset + length;
        while (position < end && state != State.DONE) {
            if (state == State.SKIP) {
                int n = (int) Math.min(toSkip, end - position);
                position += n;
                toSkip -= n;
                if (toSkip == 0) {
                    state = State.DONE;
                }
                continue;
            }
            FieldBuffer target = state == State.BLOCK ? block : field;
            position += target.fill(data, position, end - position);
            if (target.complete()) {
                onComplete(out);
            }
        }
        return position - offset;
    }

    private void onComplete(DecompressedOutput out) throws ProcessorException {
        switch (state) {
            case MAGIC:
                int magic = field.i32le(0);
                if (magic == MAGIC) {
                    field.expect(2);
                    state = State.DESCRIPTOR;
                } else if ((magic & 0xfffffff0) == 0x184D2A50) {
                    field.expect(4);
                    state = State.SKIP_SIZE;
                } else {
                    throw new ProcessorException("lz4: not LZ4 frame data (bad magic bytes)");
                }
                break;
            case DESCRIPTOR:
                readDescriptor();
                break;
            case DESCRIPTOR_REST:
                checkDescriptor();
                field.expect(4);
                state = State.BLOCK_SIZE;
                break;
            case BLOCK_SIZE:
                int word = field.i32le(0);
                if (word == 0) {
                    endOfBlocks();
                    break;
                }
                blockUncompressed = (word & 0x80000000) != 0;
                blockSize = word & 0x7fffffff;
                if (blockSize > maxBlockSize) {
                    throw new ProcessorException("lz4: corrupt data (block of " + blockSize + " bytes, more than the frame's maximum " + maxBlockSize + ")");
                }
                block.expect(blockSize + ((flags & FLAG_BLOCK_CHECKSUM) != 0 ? 4 : 0));
                state = State.BLOCK;
                break;
            case BLOCK:
                emitBlock(out);
                field.expect(4);
                state = State.BLOCK_SIZE;
                break;
            case CONTENT_CHECKSUM:
                if (field.i32le(0) != contentHash.getValue()) {
                    throw new ProcessorException("lz4: corrupt data (content checksum mismatch)");
                }
                state = State.DONE;
                break;
            case SKIP_SIZE:
                toSkip = field.i32le(0) & 0xffffffffL;
                state = toSkip == 0 ? State.DONE : State.SKIP;
                break;
            default:
                throw new IllegalStateException(state.toString());
        }
    }

    private void readDescriptor() throws ProcessorException {
        flags = field.u8(0);
        int bd = field.u8(1);
        if ((flags >>> 6) != 1) {
            throw new ProcessorException("lz4: unsupported frame version " + (flags >>> 6));
        }
        if ((flags & 0x02) != 0 || (bd & 0x8f) != 0) {
            throw new ProcessorException("lz4: corrupt frame descriptor (reserved bits set)");
        }
        if ((flags & FLAG_DICTIONARY) != 0) {
            throw new ProcessorException("lz4: frames that need a dictionary are not supported");
        }
        if ((flags & FLAG_BLOCK_INDEPENDENCE) == 0) {
            throw new ProcessorException("lz4: frames with linked blocks are not supported (compress with independent blocks)");
        }
        int sizeId = bd >>> 4;
        if (sizeId < 4) {
            throw new ProcessorException("lz4: corrupt frame descriptor (block size id " + sizeId + ")");
        }
        maxBlockSize = 1 << (2 * sizeId + 8);
        int rest = ((flags & FLAG_CONTENT_SIZE) != 0 ? 8 : 0) + 1;
        byte[] descriptor = new byte[2];
        System.arraycopy(field.array(), 0, descriptor, 0, 2);
        field.expect(2 + rest);
        field.fill(descriptor, 0, 2);
        state = State.DESCRIPTOR_REST;
    }

    private void checkDescriptor() throws ProcessorException {
        int headerChecksumAt = field.size() - 1;
        int expected = (HASH.hash(field.array(), 0, headerChecksumAt, 0) >>> 8) & 0xff;
        if (field.u8(headerChecksumAt) != expected) {
            throw new ProcessorException("lz4: corrupt frame descriptor (header checksum mismatch)");
        }
        contentSize = (flags & FLAG_CONTENT_SIZE) != 0 ? field.i64le(2) : -1;
        if (decompressed.length < maxBlockSize) {
            decompressed = new byte[maxBlockSize];
        }
    }

    private void emitBlock(DecompressedOutput out) throws ProcessorException {
        byte[] bytes = block.array();
        if ((flags & FLAG_BLOCK_CHECKSUM) != 0 && HASH.hash(bytes, 0, blockSize, 0) != bytesLe(bytes, blockSize)) {
            throw new ProcessorException("lz4: corrupt data (block checksum mismatch)");
        }
        byte[] plain = bytes;
        int n = blockSize;
        if (!blockUncompressed) {
            try {
                n = DECOMPRESSOR.decompress(bytes, 0, blockSize, decompressed, 0, maxBlockSize);
            } catch (LZ4Exception e) {
                throw new ProcessorException("lz4: corrupt data: " + e.getMessage(), e);
            }
            plain = decompressed;
        }
        if ((flags & FLAG_CONTENT_CHECKSUM) != 0) {
            contentHash.update(plain, 0, n);
        }
        produced += n;
        out.write(plain, 0, n);
    }

    private void endOfBlocks() throws ProcessorException {
        if (contentSize >= 0 && contentSize != produced) {
            throw new ProcessorException("lz4: corrupt data (content size " + produced + " differs from the " + contentSize + " announced)");
        }
        if ((flags & FLAG_CONTENT_CHECKSUM) != 0) {
            field.expect(4);
            state = State.CONTENT_CHECKSUM;
        } else {
            state = State.DONE;
        }
    }

    private static int bytesLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    @Override
    public boolean finished() {
        return state == State.DONE;
    }

    @Override
    public void reset() {
        field.expect(4);
        state = State.MAGIC;
        contentHash.reset();
        produced = 0;
        toSkip = 0;
    }
}
