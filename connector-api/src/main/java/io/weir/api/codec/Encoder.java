package io.weir.api.codec;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Encodes the values of one stream. Used by one thread at a time.
 */
@ConsumerType
public interface Encoder {

    /**
     * Encodes one value.
     *
     * @param value a JSON-like value (see {@link io.weir.api.event})
     * @return the encoded record; the caller owns the array
     * @throws CodecException when this codec cannot represent the value. The runtime fails the
     *                        event, counts it as an error and goes on; the encoder must stay usable.
     */
    byte[] encode(Object value) throws CodecException;
}
