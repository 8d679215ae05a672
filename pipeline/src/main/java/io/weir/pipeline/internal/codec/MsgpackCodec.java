package io.weir.pipeline.internal.codec;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.codec.Codec;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code msgpack} codec: one MessagePack value per record, with msgpack-core. Binary becomes
 * {@code byte[]}, the timestamp extension a long of epoch nanoseconds. No options.
 */
@Component(service = Codec.class, property = Codec.NAME + "=msgpack")
public final class MsgpackCodec implements Codec {

    @Override
    public Decoder decoder(Map<String, Object> options) {
        Options.of("msgpack", options);
        return new MsgpackDecoder();
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        Options.of("msgpack", options);
        return new MsgpackEncoder();
    }
}
