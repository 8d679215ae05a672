package io.weir.pipeline.internal.codec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;

/**
 * Reads one MessagePack value per record into the event model. Integers beyond a signed long
 * become doubles; map keys that are scalars but not strings become their string form. Every
 * announced length is checked against the bytes left, so a corrupt header cannot make it
 * allocate more than the record holds.
 */
final class MsgpackDecoder implements Decoder {
    private static final int MAX_DEPTH = 1000;

    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);
    private final Utf8 utf8 = new Utf8();
    private byte[] data;
    private int offset;
    private int length;

    @Override
    public Object decode(byte[] data, int offset, int length) throws CodecException {
        this.data = data;
        this.offset = offset;
        this.length = length;
        try {
            input.reset(data, offset, length);
            unpacker.reset(input);
            if (!unpacker.hasNext()) {
                throw new CodecException("msgpack: empty record");
            }
            Object value = read(0);
            if (unpacker.hasNext()) {
                throw new CodecException("msgpack: " + (length - consumed()) + " unexpected bytes after the value");
            }
            return value;
        } catch (IOException | MessagePackException e) {
            throw new CodecException("msgpack: malformed data at byte " + consumed() + ": " + e.getMessage(), e);
        } finally {
            this.data = null;
        }
    }

    private int consumed() {
        return (int) unpacker.getTotalReadBytes();
    }

    private int remaining() {
        return length - consumed();
    }

    private Object read(int depth) throws IOException, CodecException {
        MessageFormat format = unpacker.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    java.math.BigInteger big = unpacker.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
                }
                return unpacker.unpackLong();
            case FLOAT:
                return unpacker.unpackDouble();
            case STRING:
                return readString();
            case BINARY:
                int size = checked(unpacker.unpackBinaryHeader(), 1);
                return unpacker.readPayload(size);
            case ARRAY:
                int items = checked(unpacker.unpackArrayHeader(), 1);
                checkDepth(depth);
                List<Object> list = new ArrayList<>(Math.min(items, 64));
                for (int i = 0; i < items; i++) {
                    list.add(read(depth + 1));
                }
                return list;
            case MAP:
                int entries = checked(unpacker.unpackMapHeader(), 2);
                checkDepth(depth);
                Map<String, Object> map = new LinkedHashMap<>(Math.min(entries, 64) * 2);
                for (int i = 0; i < entries; i++) {
                    map.put(readKey(), read(depth + 1));
                }
                return map;
            case EXTENSION:
                ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
                if (header.getType() == -1) {
                    return timestamp(header.getLength());
                }
                throw new CodecException("msgpack: unsupported extension type " + header.getType());
            default:
                throw new CodecException("msgpack: unsupported format " + format);
        }
    }

    private String readString() throws IOException, CodecException {
        int size = checked(unpacker.unpackRawStringHeader(), 1);
        int at = offset + consumed();
        unpacker.readPayloadAsReference(size);
        try {
            return utf8.decode(data, at, size);
        } catch (CharacterCodingException e) {
            throw new CodecException("msgpack: a string is not valid UTF-8");
        }
    }

    private String readKey() throws IOException, CodecException {
        MessageFormat format = unpacker.getNextFormat();
        switch (format.getValueType()) {
            case STRING:
                return readString();
            case INTEGER:
            case FLOAT:
            case BOOLEAN:
            case NIL:
                return String.valueOf(read(0));
            default:
                throw new CodecException("msgpack: a map key of type " + format.getValueType().name().toLowerCase() + " cannot become a string");
        }
    }

    /** @return the count, unless the bytes left cannot possibly hold that many items */
    private int checked(int count, int bytesPerItem) throws CodecException {
        if (count < 0 || (long) count * bytesPerItem > remaining()) {
            throw new CodecException("msgpack: truncated or corrupt record (announces " + (count < 0 ? "over 2^31" : count)
                    + " items or bytes, " + remaining() + " bytes left)");
        }
        return count;
    }

    private static void checkDepth(int depth) throws CodecException {
        if (depth >= MAX_DEPTH) {
            throw new CodecException("msgpack: nested more than " + MAX_DEPTH + " deep");
        }
    }

    /**
     * The timestamp extension's payload, read here rather than through an {@code Instant}: the spec's limits are
     * checked (nanoseconds at most 999,999,999, which {@code Instant} would carry into the seconds), and seconds
     * beyond {@code Instant}'s range are a codec error, not a {@code DateTimeException}.
     *
     * @return epoch nanoseconds
     */
    private long timestamp(int length) throws IOException, CodecException {
        if (length != 4 && length != 8 && length != 12) {
            throw new CodecException("msgpack: a timestamp of " + length + " bytes; the extension has 4, 8 or 12");
        }
        byte[] payload = unpacker.readPayload(length);
        long seconds;
        long nanos;
        if (length == 4) {
            seconds = bigEndian(payload, 0, 4);
            nanos = 0;
        } else if (length == 8) {
            long both = bigEndian(payload, 0, 8);
            nanos = both >>> 34;
            seconds = both & 0x3_FFFF_FFFFL;
        } else {
            nanos = bigEndian(payload, 0, 4);
            seconds = bigEndian(payload, 4, 8);
        }
        if (nanos > 999_999_999) {
            throw new CodecException("msgpack: timestamp nanoseconds " + nanos + " beyond 999999999");
        }
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException e) {
            throw new CodecException("msgpack: timestamp " + seconds + " s is beyond the range of epoch nanoseconds");
        }
    }

    /** @return {@code count} bytes from {@code at} as an unsigned big-endian number (8 bytes: as a signed long) */
    private static long bigEndian(byte[] bytes, int at, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 8) | (bytes[at + i] & 0xFF);
        }
        return value;
    }
}
