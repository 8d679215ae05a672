package io.weir.connector.http.internal.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;
import io.weir.connector.support.internal.config.ConfigReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Receives HTTP requests and answers each one with the fate of its events (linked
 * request/response): the body goes to the runtime as the data of its own stream, with the request
 * number as stream id and position; the first {@link #ack} for that position answers
 * {@code success_status}, the first {@link #fail} {@code failure_status}, and nothing within
 * {@code response_timeout_ms} 504.
 *
 * <p>One instance per factory configuration of PID {@value #PID}; immediate, so that a bad
 * configuration fails (and is logged) when it is read, and no service appears for it. The network
 * runs on the instance's own I/O threads, named {@code weir-http_server-<instance>-io-<n>}, all
 * ended by {@link #close()}.
 */
@Component(service = Source.class, configurationPid = HttpServerSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + HttpServerSource.TYPE)
@Designate(ocd = HttpServerConfig.class, factory = true)
public final class HttpServerSource implements Source {
    /** The connector type, the value of {@value Connector#TYPE}. */
    public static final String TYPE = "http_server";
    /** The factory PID of its configurations. */
    public static final String PID = "weir.source." + TYPE;
    /** Most requests handed over by one pull, so that the manager stays responsive. */
    static final int MAX_BATCH = 64;
    private static final System.Logger LOG = System.getLogger(HttpServerSource.class.getName());

    private final HttpServerSettings settings;
    private volatile Intake intake;
    private IngestServer server;
    private SourceContext context;
    private String name = TYPE;

    /**
     * Called by DS with the instance's configuration.
     *
     * @param config     the options
     * @param properties the whole configuration, for required keys and the file name in messages
     * @throws IllegalArgumentException naming the file and key of a bad option
     */
    @Activate
    public HttpServerSource(HttpServerConfig config, Map<String, Object> properties) {
        this(HttpServerSettings.of(config, new ConfigReader(properties)));
    }

    HttpServerSource(HttpServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(SourceContext context) throws IOException {
        this.context = context;
        this.name = context.name();
        Intake opening = new Intake(settings, context::error);
        try {
            server = IngestServer.start(opening, "weir-" + TYPE + "-" + name + "-");
        } catch (IOException e) {
            throw new IOException(TYPE + " '" + name + "': " + e.getMessage(), e);
        }
        intake = opening;
        String endpoint = "http://" + server.hostAndPort() + settings.path();
        // With port = 0 this is how the operator learns the port: in the log and in weir:connectors.
        context.endpoint(endpoint);
        LOG.log(System.Logger.Level.INFO, "{0} {1}: listening on {2}", TYPE, name, endpoint);
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) throws InterruptedException {
        Intake in = intake;
        if (in == null) {
            throw new IllegalStateException(TYPE + " '" + name + "' is not open");
        }
        in.running();
        ReceivedRequest request = in.next(timeoutMillis);
        for (int n = 0; request != null; request = ++n < MAX_BATCH ? in.next(0) : null) {
            byte[] body = request.body();
            in.delivering(request);
            if (body == null || request.finished()) {
                // Answered meanwhile (timeout, client gone): its client is no longer waiting for it.
                continue;
            }
            output.data(request.id(), request.id(), body, 0, request.length(), request.meta());
            output.streamEnd(request.id());
            request.dropBody();
        }
        return true;
    }

    @Override
    public void ack(long stream, long position) {
        Intake in = intake;
        if (in != null) {
            in.verdict(position, true);
        }
    }

    @Override
    public void fail(long stream, long position) {
        Intake in = intake;
        if (in != null) {
            in.verdict(position, false);
        }
    }

    @Override
    public void pause() {
        Intake in = intake;
        if (in != null) {
            in.pause();
        }
    }

    @Override
    public void resume() {
        Intake in = intake;
        if (in != null) {
            in.running();
        }
    }

    /**
     * Answers 503 to every request still waiting, stops listening and ends the I/O threads.
     *
     * @throws IllegalStateException naming the threads still running when they did not end in time
     */
    @Override
    public void close() throws InterruptedException {
        Intake in = intake;
        intake = null;
        if (in != null) {
            in.close();
        }
        IngestServer closing = server;
        server = null;
        if (closing == null) {
            return;
        }
        long timeout = context == null ? 5000 : context.closeTimeoutMillis();
        List<String> alive = closing.close(timeout);
        if (!alive.isEmpty()) {
            throw new IllegalStateException(TYPE + " '" + name + "': I/O threads still running " + timeout
                    + " ms after close: " + alive);
        }
    }

    /** @return the port listened on, or -1 when not open (for tests and diagnostics) */
    int port() {
        IngestServer s = server;
        return s == null ? -1 : s.port();
    }

    /** @return this instance's intake while open (for tests) */
    Intake intake() {
        return intake;
    }
}
