package io.weir.connector.tcp.internal.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.connector.support.internal.config.ConfigReader;
import io.weir.connector.tcp.internal.tls.TlsPassword;
import io.weir.connector.tcp.internal.tls.TlsSettings;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The tcp_client sink: one connection, opened in {@link #open}, written by the manager thread. A
 * watcher thread ({@code weir-tcp_client-<instance>-watch}) reads the connection, discarding what the
 * server sends, so that a server that closes the connection while nothing is being written is noticed
 * at once: it reports {@link SinkContext#connectionLost}, the following write or flush fails, and the
 * manager reconnects with backoff while the breaker is open.
 */
@Component(service = Sink.class, configurationPid = TcpClientSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + TcpClientSink.TYPE)
@Designate(ocd = TcpClientConfig.class, factory = true)
public final class TcpClientSink implements Sink {
    static final String TYPE = "tcp_client";
    static final String PID = "weir.sink." + TYPE;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final int bufferBytes;
    private final boolean noDelay;
    private final TlsSettings tls;
    private final boolean verifyHostname;
    private String name = TYPE;
    private Socket socket;
    private OutputStream out;
    private Thread watcher;
    private volatile String lost;
    private volatile boolean closing;
    private long closeTimeoutMillis = 5000;

    @Activate
    public TcpClientSink(TcpClientConfig config) {
        ConfigReader options = new ConfigReader("tcp_client");
        this.host = options.required("host", config::host);
        int p = options.read("port", config::port);
        if (p < 0) {
            throw options.invalid("port", "is required");
        }
        this.port = (int) options.range("port", () -> p, 1, 65535);
        this.connectTimeoutMillis = (int) options.range("connect_timeout_ms", config::connect__timeout__ms, 1,
                Integer.MAX_VALUE);
        this.bufferBytes = (int) options.range("buffer_bytes", config::buffer__bytes, 1, 64 << 20);
        this.noDelay = options.read("tcp_nodelay", config::tcp__nodelay);
        this.verifyHostname = options.read("tls.verify_hostname", config::tls_verify__hostname);
        if (options.read("tls.enabled", config::tls_enabled)) {
            TlsSettings settings = new TlsSettings("tcp_client", options.read("tls.keystore", config::tls_keystore),
                    TlsPassword.read(options, "tls.keystore_password", config::tls_keystore__password,
                            config::_tls_keystore__password),
                    options.read("tls.truststore", config::tls_truststore),
                    TlsPassword.read(options, "tls.truststore_password", config::tls_truststore__password,
                            config::_tls_truststore__password));
            settings.context();
            this.tls = settings;
        } else {
            this.tls = null;
        }
    }

    @Override
    public void open(SinkContext context) throws Exception {
        name = context.name();
        closeTimeoutMillis = context.closeTimeoutMillis();
        closing = false;
        lost = null;
        SSLContext ssl = tls == null ? null : tls.context();
        Socket plain = new Socket();
        Socket connected = plain;
        try {
            plain.setTcpNoDelay(noDelay);
            plain.setKeepAlive(true);
            plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (ssl != null) {
                SSLSocket secure = (SSLSocket) ssl.getSocketFactory().createSocket(plain, host, port, true);
                connected = secure;
                if (verifyHostname) {
                    SSLParameters parameters = secure.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    secure.setSSLParameters(parameters);
                }
                secure.setSoTimeout(connectTimeoutMillis);
                secure.startHandshake();
                secure.setSoTimeout(0);
            }
        } catch (IOException e) {
            connected.close();
            throw new IOException("tcp_client " + name + ": cannot connect to " + host + ":" + port + ": " + e, e);
        }
        socket = connected;
        out = new BufferedOutputStream(connected.getOutputStream(), bufferBytes);
        InputStream in = connected.getInputStream();
        watcher = new Thread(() -> watch(in, context), "weir-tcp_client-" + name + "-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Reads until the connection ends; what the server sends is not part of this sink's job. */
    private void watch(InputStream in, SinkContext context) {
        String reason;
        try {
            byte[] discard = new byte[4096];
            while (in.read(discard) >= 0) {
                // discard
            }
            reason = "the server closed the connection";
        } catch (IOException e) {
            reason = "the connection broke: " + e.getMessage();
        }
        if (!closing) {
            lost = reason;
            context.connectionLost(reason);
        }
    }

    @Override
    public void write(SinkEvent event) throws Exception {
        List<byte[]> frames = event.frames();
        if (frames.isEmpty()) {
            // Only this event is wrong, not the connection: fail it alone instead of opening the breaker.
            event.defer().fail("tcp_client " + name + ": the event has no frames; configure a codec for this sink");
            return;
        }
        checkConnected();
        for (byte[] frame : frames) {
            out.write(frame);
        }
    }

    @Override
    public void flush() throws Exception {
        checkConnected();
        out.flush();
        // A close noticed while the batch went out may have cost it: fail it rather than acknowledge it.
        checkConnected();
    }

    private void checkConnected() throws IOException {
        String reason = lost;
        if (reason != null) {
            throw new IOException("tcp_client " + name + ": " + reason);
        }
    }

    @Override
    public void close() throws Exception {
        closing = true;
        Socket closingSocket = socket;
        Thread watching = watcher;
        socket = null;
        out = null;
        watcher = null;
        if (closingSocket != null) {
            // Unsent bytes are not flushed: the manager fails what was not acknowledged.
            closingSocket.close();
        }
        if (watching != null) {
            watching.join(Math.max(1, closeTimeoutMillis - 100));
        }
    }
}
