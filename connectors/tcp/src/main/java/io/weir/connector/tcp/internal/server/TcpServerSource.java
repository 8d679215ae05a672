package io.weir.connector.tcp.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;
import io.weir.connector.support.internal.config.ConfigReader;
import io.weir.connector.tcp.internal.tls.TlsPassword;
import io.weir.connector.tcp.internal.tls.TlsSettings;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The tcp_server source: listens, and hands on what each connection sends as one stream (the stream
 * id numbers connections from 1), ending the stream when the connection closes. One I/O thread,
 * {@code weir-tcp_server-<instance>-io}, serves all connections (see {@link IoLoop}); {@link #pull}
 * takes what it read from a bounded {@link Handoff}.
 */
@Component(service = Source.class, configurationPid = TcpServerSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + TcpServerSource.TYPE)
@Designate(ocd = TcpServerConfig.class, factory = true)
public final class TcpServerSource implements Source {
    static final String TYPE = "tcp_server";
    static final String PID = "weir.source." + TYPE;
    private static final System.Logger LOG = System.getLogger(TcpServerSource.class.getName());
    /** Chunks delivered per pull at most, so the manager gets its thread back regularly. */
    private static final int MAX_ITEMS_PER_PULL = 256;

    private final String host;
    private final int port;
    private final int maxConnections;
    private final int backlog;
    private final int bufferBytes;
    private final int buffers;
    private final TlsSettings tls;
    private final String clientAuth;
    /** tls.handshake_timeout_ms: used only with TLS. */
    private final long handshakeTimeoutMillis;
    /** idle_timeout_ms, 0 when off. */
    private final long idleTimeoutMillis;
    /** Connection numbers go on across reopens, so a stream id is never reused by one instance. */
    private final AtomicLong streams = new AtomicLong(1);
    private String name = TYPE;
    private Handoff handoff;
    private IoLoop loop;
    private Thread thread;
    private InetSocketAddress bound;
    private long closeTimeoutMillis = 5000;
    private IoLoop.Acceptor acceptor = ServerSocketChannel::accept;

    @Activate
    public TcpServerSource(TcpServerConfig config) {
        ConfigReader options = new ConfigReader("tcp_server");
        this.host = options.required("host", config::host);
        int p = options.read("port", config::port);
        if (p < 0) {
            throw options.invalid("port", "is required (0 picks a free port)");
        }
        this.port = (int) options.range("port", () -> p, 0, 65535);
        this.maxConnections = (int) options.range("max_connections", config::max__connections, 1, 1 << 20);
        this.backlog = (int) options.range("backlog", config::backlog, 1, 1 << 16);
        this.bufferBytes = (int) options.range("buffer_bytes", config::buffer__bytes, 512, 16 << 20);
        this.buffers = (int) options.range("buffers", config::buffers, 1, 1 << 16);
        this.idleTimeoutMillis = options.range("idle_timeout_ms", config::idle__timeout__ms, 0, Integer.MAX_VALUE);
        if (idleTimeoutMillis > 0 && idleTimeoutMillis < 100) {
            throw options.invalid("idle_timeout_ms", "must be 0 (off) or at least 100, was " + idleTimeoutMillis);
        }
        this.handshakeTimeoutMillis = options.range("tls.handshake_timeout_ms", config::tls_handshake__timeout__ms,
                100, Integer.MAX_VALUE);
        boolean tlsEnabled = options.read("tls.enabled", config::tls_enabled);
        this.clientAuth = options.oneOf("tls.client_auth", config::tls_client__auth, "none", "want", "need");
        if (tlsEnabled) {
            TlsSettings settings = new TlsSettings("tcp_server", options.read("tls.keystore", config::tls_keystore),
                    TlsPassword.read(options, "tls.keystore_password", config::tls_keystore__password,
                            config::_tls_keystore__password),
                    options.read("tls.truststore", config::tls_truststore),
                    TlsPassword.read(options, "tls.truststore_password", config::tls_truststore__password,
                            config::_tls_truststore__password));
            if (!settings.hasKeystore()) {
                throw options.invalid("tls.keystore", "is required when tls.enabled is true");
            }
            // Fail at activation on unreadable stores; open builds the context again from disk.
            settings.context();
            this.tls = settings;
        } else {
            this.tls = null;
        }
    }

    @Override
    public void open(SourceContext context) throws Exception {
        name = context.name();
        closeTimeoutMillis = context.closeTimeoutMillis();
        SSLContext ssl = tls == null ? null : tls.context();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(host, port), backlog);
            server.configureBlocking(false);
            bound = (InetSocketAddress) server.getLocalAddress();
            handoff = new Handoff(buffers, bufferBytes);
            loop = new IoLoop(name, server, acceptor, handoff, ssl, clientAuth, maxConnections, streams,
                    context::connectionLost, context::error, ssl == null ? 0 : handshakeTimeoutMillis,
                    idleTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("tcp_server " + name + ": cannot listen on " + host + ":" + port + ": " + e, e);
        }
        thread = new Thread(loop, "weir-tcp_server-" + name + "-io");
        thread.setDaemon(true);
        thread.start();
        String endpoint = (ssl == null ? "tcp://" : "tls://") + hostAndPort(bound);
        // With port = 0 this is how the operator learns the port: in the log and in weir:connectors.
        context.endpoint(endpoint);
        LOG.log(System.Logger.Level.INFO, "tcp_server {0}: listening on {1}", name, endpoint);
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) {
        Handoff.Item item;
        try {
            item = handoff.poll(Math.max(0, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        for (int n = 0; item != null; n++) {
            deliver(output, item);
            if (n + 1 == MAX_ITEMS_PER_PULL || output.full()) {
                break;
            }
            item = handoff.poll();
        }
        return true;
    }

    private void deliver(SourceOutput output, Handoff.Item item) {
        if (item.data() == null) {
            output.streamEnd(item.stream());
            return;
        }
        try {
            output.data(item.stream(), item.position(), item.data(), 0, item.length(), item.meta());
        } finally {
            handoff.release(item.data());
        }
    }

    @Override
    public void pause() {
        if (loop != null) {
            loop.pause();
        }
    }

    @Override
    public void resume() {
        if (loop != null) {
            loop.resume();
        }
    }

    @Override
    public void close() throws InterruptedException {
        IoLoop stopping = loop;
        Thread running = thread;
        loop = null;
        thread = null;
        if (stopping == null) {
            return;
        }
        stopping.stop();
        running.join(Math.max(1, closeTimeoutMillis - 100));
        if (running.isAlive()) {
            running.interrupt();
            LOG.log(System.Logger.Level.WARNING, "tcp_server {0}: the I/O thread did not stop in time", name);
        }
    }

    /** @return {@code host:port}, an IPv6 host in brackets */
    static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** @return the address listened on since the last open, for tests */
    InetSocketAddress boundAddress() {
        return bound;
    }

    /** @param acceptor what takes connections off the listener from the next open on, for tests */
    void acceptor(IoLoop.Acceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** @return bytes read and not pulled yet, for tests */
    long bufferedBytes() {
        return handoff == null ? 0 : handoff.bufferedBytes();
    }
}
