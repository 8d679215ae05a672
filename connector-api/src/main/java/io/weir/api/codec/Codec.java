package io.weir.api.codec;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A codec: a factory of per-stream decoders and encoders. Registered as a service carrying
 * {@link #NAME}. Thread-safe: the runtime calls it from any manager thread.
 */
@ConsumerType
public interface Codec {
    /** Service property: the name connectors use to select this codec, for example {@code "json"}. */
    String NAME = "weir.codec.name";

    /**
     * Creates the decoder for one stream.
     *
     * @param options the codec options from the connector's configuration (keys without the
     *                {@code codec.} prefix); empty when none are set
     * @return a new decoder
     * @throws IllegalArgumentException when an option is invalid; the message names the option. The
     *                                  connector's configuration is then rejected as a whole.
     */
    Decoder decoder(Map<String, Object> options);

    /**
     * Creates the encoder for one stream.
     *
     * @param options the codec options from the connector's configuration
     * @return a new encoder
     * @throws IllegalArgumentException when an option is invalid; the message names the option
     */
    Encoder encoder(Map<String, Object> options);
}
