package io.weir.pipeline.internal.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Encoder;

/**
 * Writes a value as MessagePack, with the smallest encoding for each integer. The packer's buffer
 * is reused from record to record.
 */
final class MsgpackEncoder implements Encoder {
    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();

    @Override
    public byte[] encode(Object value) throws CodecException {
        packer.clear();
        try {
            write(value, 0);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new CodecException("msgpack: cannot encode the value: " + e.getMessage(), e);
        } finally {
            packer.clear();
        }
    }

    private void write(Object value, int depth) throws IOException, CodecException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof String) {
            packer.packString((String) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            packer.packLong(((Number) value).longValue());
        } else if (value instanceof Double) {
            packer.packDouble((Double) value);
        } else if (value instanceof Float) {
            packer.packFloat((Float) value);
        } else if (value instanceof Boolean) {
            packer.packBoolean((Boolean) value);
        } else if (value instanceof Map) {
            checkDepth(depth);
            Map<?, ?> map = (Map<?, ?>) value;
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new CodecException("msgpack: cannot encode a map key of type " + JsonEncoder.typeOf(entry.getKey()) + ", keys must be strings");
                }
                packer.packString((String) entry.getKey());
                write(entry.getValue(), depth + 1);
            }
        } else if (value instanceof Collection) {
            checkDepth(depth);
            Collection<?> list = (Collection<?>) value;
            packer.packArrayHeader(list.size());
            for (Object item : list) {
                write(item, depth + 1);
            }
        } else if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes);
        } else if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.signum() >= 0 ? big.bitLength() > 64 : big.bitLength() > 63) {
                throw new CodecException("msgpack: cannot encode " + big + ", beyond 64 bits");
            }
            packer.packBigInteger(big);
        } else if (value instanceof BigDecimal) {
            packer.packDouble(((BigDecimal) value).doubleValue());
        } else {
            throw new CodecException("msgpack: cannot encode a value of type " + JsonEncoder.typeOf(value));
        }
    }

    private static void checkDepth(int depth) throws CodecException {
        if (depth >= JsonEncoder.MAX_DEPTH) {
            throw new CodecException("msgpack: cannot encode values nested more than " + JsonEncoder.MAX_DEPTH + " deep (does the value contain itself?)");
        }
    }
}
