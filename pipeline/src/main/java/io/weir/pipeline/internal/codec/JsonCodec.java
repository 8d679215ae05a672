package io.weir.pipeline.internal.codec;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;

import io.weir.api.codec.Codec;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code json} codec: one JSON value per record, decoded with Jackson's streaming parser into
 * maps, lists, strings, longs, doubles, booleans and null; encoded compactly. No options.
 */
@Component(service = Codec.class, property = Codec.NAME + "=json")
public final class JsonCodec implements Codec {
    /**
     * Thread-safe and shared: creating parsers from one factory shares its field-name symbol
     * table, so the keys of many events are the same String instances. No separator between
     * root values, since an encoder's generator writes one record after the other.
     */
    static final JsonFactory FACTORY = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    @Override
    public Decoder decoder(Map<String, Object> options) {
        Options.of("json", options);
        return new JsonDecoder(FACTORY);
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        Options.of("json", options);
        return new JsonEncoder("json", FACTORY);
    }
}
