package io.weir.connector.http.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Delivery;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.connector.support.internal.config.ConfigReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Sends encoded events as HTTP requests. Every event is deferred: its delivery completes when its
 * request does (ack on 2xx, fail otherwise, after the retries), not at flush. With
 * {@code batch = false} each event is one request, its frames the body; with {@code batch = true}
 * each flush sends one request whose body is the frames of all events written since the last
 * flush, and that request's outcome completes all of them.
 *
 * <p>One instance per factory configuration of PID {@value #PID}; immediate, so that a bad
 * configuration fails (and is logged) when it is read, and no service appears for it. Its threads
 * are named {@code weir-http_client-<instance>-...} and all end in {@link #close()}.
 */
@Component(service = Sink.class, configurationPid = HttpClientSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + HttpClientSink.TYPE)
@Designate(ocd = HttpClientConfig.class, factory = true)
public final class HttpClientSink implements Sink {
    /** The connector type, the value of {@value Connector#TYPE}. */
    public static final String TYPE = "http_client";
    /** The factory PID of its configurations. */
    public static final String PID = "weir.sink." + TYPE;

    private final HttpClientSettings settings;
    private final List<Delivery> batchDeliveries = new ArrayList<>();
    private final List<byte[]> batchFrames = new ArrayList<>();
    private SinkContext context;
    private Sender sender;
    private String name = TYPE;

    /**
     * Called by DS with the instance's configuration.
     *
     * @param config     the options
     * @param properties the whole configuration, for headers, required keys and the file name in messages
     * @throws IllegalArgumentException naming the file and key of a bad option
     */
    @Activate
    public HttpClientSink(HttpClientConfig config, Map<String, Object> properties) {
        this(HttpClientSettings.of(config, new ConfigReader(properties)));
    }

    HttpClientSink(HttpClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(SinkContext context) throws Exception {
        this.context = context;
        this.name = context.name();
        sender = Sender.start(settings, context, "weir-" + TYPE + "-" + name + "-");
    }

    @Override
    public void write(SinkEvent event) {
        List<byte[]> frames = event.frames();
        if (frames.isEmpty()) {
            throw new IllegalStateException(TYPE + " '" + name + "' sends encoded frames, and this event has none: "
                    + "set a codec in its configuration (for example codec = json)");
        }
        if (settings.batch()) {
            batchFrames.addAll(frames);
            batchDeliveries.add(event.defer());
        } else {
            sender.submit(List.of(event.defer()), List.copyOf(frames));
        }
    }

    @Override
    public void flush() {
        if (!batchDeliveries.isEmpty()) {
            List<Delivery> deliveries = List.copyOf(batchDeliveries);
            List<byte[]> frames = List.copyOf(batchFrames);
            batchDeliveries.clear();
            batchFrames.clear();
            sender.submit(deliveries, frames);
        }
    }

    /**
     * Fails a batch not flushed yet, gives requests in flight up to half of the close time to
     * finish, fails the rest, and ends every thread.
     *
     * @throws IllegalStateException naming the threads still running when they did not end in time
     */
    @Override
    public void close() throws InterruptedException {
        for (Delivery d : batchDeliveries) {
            d.fail("the sink closed before the batch was sent");
        }
        batchDeliveries.clear();
        batchFrames.clear();
        Sender closing = sender;
        sender = null;
        if (closing == null) {
            return;
        }
        long timeout = context == null ? 5000 : context.closeTimeoutMillis();
        List<String> survivors = closing.close(timeout);
        if (!survivors.isEmpty()) {
            throw new IllegalStateException(TYPE + " '" + name + "': threads still running " + timeout
                    + " ms after close: " + survivors);
        }
    }

    /** @return the sender while open (for tests) */
    Sender sender() {
        return sender;
    }
}
