package io.weir.pipeline.internal.processor.compression;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.weir.api.processor.ProcessorException;

/**
 * Decompresses gzip members (RFC 1952) or zlib streams (RFC 1950) with the JDK's {@link Inflater},
 * which takes input in pushed pieces. For gzip the header and trailer are read here (the JDK only
 * offers them through a blocking stream) and the CRC-32 and length are checked.
 */
final class InflaterMemberDecoder implements MemberDecoder {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED_FLAGS = 0xe0;

    private enum State { HEADER, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, BODY, TRAILER, DONE }

    private final boolean gzip;
    private final String name;
    private final Inflater inflater;
    private final CRC32 crc = new CRC32();
    /** Of the gzip header's bytes before its own CRC-16 (FHCRC), which is this one's low half. */
    private final CRC32 headerCrc = new CRC32();
    private final FieldBuffer field = new FieldBuffer(16);
    private State state;
    private int flags;
    private int extraLeft;
    private long produced;

    /** @param gzip true for gzip members, false for zlib streams */
    InflaterMemberDecoder(boolean gzip) {
        this.gzip = gzip;
        this.name = gzip ? "gzip" : "zlib";
        this.inflater = new Inflater(gzip);
        reset();
    }

    @Override
    public int decode(byte[] data, int offset, int length, DecompressedOutput out) throws ProcessorException {
        int position = offset;
        int end = offset + length;
        while (position < end && state != State.DONE) {
            int from = position;
            State before = state;
            switch (state) {
                case HEADER:
                    position += field.fill(data, position, end - position);
                    if (field.complete()) {
                        readHeader();
                    }
                    break;
                case EXTRA_LENGTH:
                    position += field.fill(data, position, end - position);
                    if (field.complete()) {
                        extraLeft = field.u16le(0);
                        state = State.EXTRA;
                    }
                    break;
                case EXTRA:
                    int skipped = Math.min(extraLeft, end - position);
                    position += skipped;
                    extraLeft -= skipped;
                    if (extraLeft == 0) {
                        afterExtra();
                    }
                    break;
                case NAME:
                case COMMENT:
                    while (position < end && data[position] != 0) {
                        position++;
                    }
                    if (position < end) {
                        position++;
                        if (state == State.NAME) {
                            afterName();
                        } else {
                            afterComment();
                        }
                    }
                    break;
                case HEADER_CRC:
                    position += field.fill(data, position, end - position);
                    if (field.complete()) {
                        checkHeaderCrc();
                        state = State.BODY;
                    }
                    break;
                case BODY:
                    position = inflate(data, position, end, out);
                    break;
                case TRAILER:
                    position += field.fill(data, position, end - position);
                    if (field.complete()) {
                        checkTrailer();
                        state = State.DONE;
                    }
                    break;
                default:
                    throw new IllegalStateException(state.toString());
            }
            if (before.ordinal() < State.HEADER_CRC.ordinal()) {
                headerCrc.update(data, from, position - from);
            }
        }
        return position - offset;
    }

    private void checkHeaderCrc() throws ProcessorException {
        int expected = field.u16le(0);
        int actual = (int) (headerCrc.getValue() & 0xffff);
        if (expected != actual) {
            throw new ProcessorException(name + ": header checksum mismatch (FHCRC " + expected + ", computed " + actual
                    + ")");
        }
    }

    private int inflate(byte[] data, int position, int end, DecompressedOutput out) throws ProcessorException {
        inflater.setInput(data, position, end - position);
        try {
            while (true) {
                int room = out.reserve(64 * 1024);
                int start = out.position();
                int n = inflater.inflate(out.array(), start, room);
                if (gzip) {
                    crc.update(out.array(), start, n);
                }
                produced += n;
                out.advance(n);
                if (inflater.finished()) {
                    int next = end - inflater.getRemaining();
                    if (gzip) {
                        field.expect(8);
                        state = State.TRAILER;
                    } else {
                        state = State.DONE;
                    }
                    return next;
                }
                if (inflater.needsDictionary()) {
                    throw new ProcessorException(name + ": the data needs a preset dictionary, which is not supported");
                }
                if (inflater.needsInput()) {
                    return end;
                }
            }
        } catch (DataFormatException e) {
            throw new ProcessorException(name + ": corrupt data: " + e.getMessage(), e);
        }
    }

    private void readHeader() throws ProcessorException {
        if (field.u8(0) != 0x1f || field.u8(1) != 0x8b) {
            throw new ProcessorException("gzip: not gzip data (bad magic bytes)");
        }
        if (field.u8(2) != 8) {
            throw new ProcessorException("gzip: unsupported compression method " + field.u8(2));
        }
        flags = field.u8(3);
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new ProcessorException("gzip: corrupt header (reserved flags set)");
        }
        if ((flags & FEXTRA) != 0) {
            field.expect(2);
            state = State.EXTRA_LENGTH;
        } else {
            afterExtra();
        }
    }

    private void afterExtra() {
        if ((flags & FNAME) != 0) {
            state = State.NAME;
        } else {
            afterName();
        }
    }

    private void afterName() {
        if ((flags & FCOMMENT) != 0) {
            state = State.COMMENT;
        } else {
            afterComment();
        }
    }

    private void afterComment() {
        if ((flags & FHCRC) != 0) {
            field.expect(2);
            state = State.HEADER_CRC;
        } else {
            state = State.BODY;
        }
    }

    private void checkTrailer() throws ProcessorException {
        if (field.i32le(0) != (int) crc.getValue()) {
            throw new ProcessorException("gzip: corrupt data (CRC-32 mismatch)");
        }
        if (field.i32le(4) != (int) produced) {
            throw new ProcessorException("gzip: corrupt data (length mismatch)");
        }
    }

    @Override
    public boolean finished() {
        return state == State.DONE;
    }

    @Override
    public void reset() {
        inflater.reset();
        crc.reset();
        headerCrc.reset();
        produced = 0;
        if (gzip) {
            field.expect(10);
            state = State.HEADER;
        } else {
            state = State.BODY;
        }
    }

    @Override
    public void close() {
        inflater.end();
    }
}
