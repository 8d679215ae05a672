package io.weir.api.codec;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decodes the records of one stream. Used by one thread at a time.
 */
@ConsumerType
public interface Decoder {

    /**
     * Decodes one record, as framed by the preprocessors.
     *
     * @param data   the buffer; only valid during this call
     * @param offset where the record starts
     * @param length its length in bytes
     * @return the JSON-like value (see {@link io.weir.api.event})
     * @throws CodecException when the record is malformed. The runtime sends the raw record and the
     *                        message to the connector's {@code err} port, and goes on with the next
     *                        record; the decoder must stay usable.
     */
    Object decode(byte[] data, int offset, int length) throws CodecException;
}
