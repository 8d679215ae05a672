package io.weir.pipeline.internal.processor.compression;

import java.util.EnumMap;
import java.util.Map;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * Decompresses a stream made of one or more compressed members (concatenated gzip members, zstd
 * or lz4 frames, a snappy stream), pushed in pieces of any size. Each member that lies wholly in
 * one input buffer comes out as one frame, so a message that was compressed on its own (a
 * datagram) stays one record; otherwise output is handed on at the end of each input buffer and
 * every {@code maxFrame} bytes.
 *
 * <p>With {@code autodetect} each member's format is recognised by its magic bytes; a stream
 * that does not start with a known magic is passed through unchanged. After corrupt data the
 * rest of that input buffer is dropped and the next buffer is read as the start of a new member.
 */
final class DecompressPreprocessor implements Processor {
    /** The configured format, or null for autodetect. */
    private final Format fixed;
    private final int zstdWindowLogMax;
    private final DecompressedOutput output;
    private final Map<Format, MemberDecoder> decoders = new EnumMap<>(Format.class);
    private final byte[] head = new byte[Format.LONGEST_MAGIC];
    private int headSize;
    private MemberDecoder current;
    private Format currentFormat;
    private boolean sawMember;
    private boolean plain;

    /** @param zstdWindowLogMax the log of the largest window a zstd frame may ask for */
    DecompressPreprocessor(Format fixed, int maxFrame, int zstdWindowLogMax) {
        this.fixed = fixed;
        this.zstdWindowLogMax = zstdWindowLogMax;
        this.output = new DecompressedOutput(maxFrame);
    }

    @Override
    public void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
        output.target(out);
        int position = offset;
        int end = offset + length;
        try {
            while (position < end) {
                if (plain) {
                    out.frame(data, position, end - position);
                    return;
                }
                if (current == null) {
                    if (fixed != null) {
                        start(fixed);
                        continue;
                    }
                    head[headSize++] = data[position++];
                    if (!detect(out)) {
                        continue;
                    }
                }
                position += current.decode(data, position, end - position, output);
                if (current.finished()) {
                    endMember();
                }
            }
            output.flush();
        } catch (ProcessorException e) {
            output.discard();
            if (current != null) {
                current.reset();
            }
            current = null;
            headSize = 0;
            sawMember = true;
            throw new ProcessorException("decompress: " + e.getMessage() + "; dropped the rest of this input", e.getCause());
        }
    }

    /**
     * Looks at the bytes gathered in {@link #head}.
     *
     * @return true when a member has started (its head already fed to the decoder)
     */
    private boolean detect(FrameOutput out) throws ProcessorException {
        Format format = Format.detect(head, headSize);
        if (format == null) {
            if (Format.couldMatch(head, headSize)) {
                return false;
            }
            if (sawMember) {
                throw new ProcessorException("data after a compressed member is in no known compressed format");
            }
            plain = true;
            out.frame(head, 0, headSize);
            headSize = 0;
            return false;
        }
        if (format == Format.XZ) {
            throw new ProcessorException("xz is not supported (use gzip, zlib, zstd, lz4 or snappy)");
        }
        start(format);
        int n = headSize;
        headSize = 0;
        current.decode(head, 0, n, output); // a magic is shorter than any member, so all of it is taken
        return true;
    }

    private void start(Format format) throws ProcessorException {
        MemberDecoder decoder = decoders.get(format);
        if (decoder == null) {
            decoder = create(format);
            decoders.put(format, decoder);
        }
        current = decoder;
        currentFormat = format;
        sawMember = true;
    }

    private MemberDecoder create(Format format) throws ProcessorException {
        try {
            switch (format) {
                case GZIP: return new InflaterMemberDecoder(true);
                case ZLIB: return new InflaterMemberDecoder(false);
                case ZSTD: return new ZstdMemberDecoder(zstdWindowLogMax);
                case LZ4: return new Lz4FrameDecoder();
                case SNAPPY: return new SnappyFrameDecoder();
                default: throw new ProcessorException(format.optionName() + " is not supported");
            }
        } catch (LinkageError e) {
            throw new ProcessorException(format.optionName() + " is not available on this platform: " + e, e);
        }
    }

    private void endMember() {
        output.flush();
        current.reset();
        current = null;
    }

    @Override
    public void finish(FrameOutput out) throws ProcessorException {
        output.target(out);
        try {
            if (headSize > 0) {
                if (!sawMember && fixed == null) {
                    out.frame(head, 0, headSize);
                } else {
                    throw new ProcessorException("decompress: the stream ended inside a member header (truncated)");
                }
            } else if (current != null && !current.mayEndHere()) {
                throw new ProcessorException("decompress: the stream ended inside a " + currentFormat.optionName() + " member (truncated)");
            }
        } finally {
            headSize = 0;
            current = null;
            for (MemberDecoder decoder : decoders.values()) {
                decoder.close();
            }
            decoders.clear();
        }
    }
}
