package io.weir.pipeline.internal.codec;

import java.time.Clock;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.codec.Codec;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code syslog} codec: decodes RFC 5424 and RFC 3164 (BSD) messages into a map with
 * {@code protocol}, {@code version}, {@code priority}, {@code facility}, {@code severity},
 * {@code timestamp} (epoch nanoseconds), {@code hostname}, {@code appname}, {@code procid},
 * {@code msgid}, {@code structured_data} and {@code msg}; encodes such a map as RFC 5424. No
 * options.
 */
@Component(service = Codec.class, property = Codec.NAME + "=syslog")
public final class SyslogCodec implements Codec {

    @Override
    public Decoder decoder(Map<String, Object> options) {
        Options.of("syslog", options);
        return new SyslogDecoder(Clock.systemUTC());
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        Options.of("syslog", options);
        return new SyslogEncoder();
    }
}
