package io.weir.pipeline.internal.codec;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.codec.Codec;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code influx} codec: one line of InfluxDB line protocol per record, as a map with
 * {@code measurement}, {@code tags}, {@code fields} and {@code timestamp} (the shape Tremor
 * uses). No options.
 */
@Component(service = Codec.class, property = Codec.NAME + "=influx")
public final class InfluxCodec implements Codec {

    @Override
    public Decoder decoder(Map<String, Object> options) {
        Options.of("influx", options);
        return new InfluxDecoder();
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        Options.of("influx", options);
        return new InfluxEncoder();
    }
}
