package io.weir.connector.udp.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
 * The udp_server source: each datagram becomes one chunk. It owns no thread: {@link #pull} waits on
 * a selector for at most its timeout and then drains what the socket holds. The receive buffer is
 * one byte longer than {@code max_datagram}, so a longer datagram shows by filling it; it is
 * dropped and reported to the runtime as a counted error of kind {@value #OVERSIZE}.
 */
@Component(service = Source.class, configurationPid = UdpServerSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + UdpServerSource.TYPE)
@Designate(ocd = UdpServerConfig.class, factory = true)
public final class UdpServerSource implements Source {
    static final String TYPE = "udp_server";
    static final String PID = "weir.source." + TYPE;
    /** The kind of error a datagram longer than {@code max_datagram} is counted as. */
    static final String OVERSIZE = "oversize";
    private static final System.Logger LOG = System.getLogger(UdpServerSource.class.getName());
    private static final int MAX_DATAGRAMS_PER_PULL = 1024;

    private final String host;
    private final int port;
    private final int maxDatagram;
    private final int receiveBuffer;
    private final boolean streamPerDatagram;
    private final byte[] buffer;
    private String name = TYPE;
    private SourceContext context;
    private DatagramChannel channel;
    private Selector selector;
    private long datagrams;
    private long nextStream = 1;
    private SocketAddress lastPeer;
    private Map<String, Object> lastMeta;
    private InetSocketAddress bound;

    @Activate
    public UdpServerSource(UdpServerConfig config) {
        ConfigReader options = new ConfigReader("udp_server");
        this.host = options.required("host", config::host);
        int p = options.read("port", config::port);
        if (p < 0) {
            throw options.invalid("port", "is required (0 picks a free port)");
        }
        this.port = (int) options.range("port", () -> p, 0, 65535);
        this.maxDatagram = (int) options.range("max_datagram", config::max__datagram, 1, 65507);
        this.receiveBuffer = (int) options.range("receive_buffer_bytes", config::receive__buffer__bytes, 0,
                Integer.MAX_VALUE);
        this.streamPerDatagram = options.oneOf("streams", config::streams, "single", "datagram").equals("datagram");
        this.buffer = new byte[maxDatagram + 1];
    }

    @Override
    public void open(SourceContext context) throws Exception {
        name = context.name();
        this.context = context;
        DatagramChannel opened = DatagramChannel.open();
        try {
            if (receiveBuffer > 0) {
                opened.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            opened.bind(new InetSocketAddress(host, port));
            opened.configureBlocking(false);
            selector = Selector.open();
            opened.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            opened.close();
            if (selector != null) {
                selector.close();
                selector = null;
            }
            throw new IOException("udp_server " + name + ": cannot listen on " + host + ":" + port + ": " + e, e);
        }
        channel = opened;
        bound = (InetSocketAddress) opened.getLocalAddress();
        String endpoint = "udp://" + hostAndPort(bound);
        // With port = 0 this is how the operator learns the port: in the log and in weir:connectors.
        context.endpoint(endpoint);
        LOG.log(System.Logger.Level.INFO, "udp_server {0}: listening on {1}", name, endpoint);
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) throws IOException {
        if (drain(output) > 0) {
            return true;
        }
        if (timeoutMillis > 0) {
            selector.select(timeoutMillis);
        } else {
            selector.selectNow();
        }
        selector.selectedKeys().clear();
        drain(output);
        return true;
    }

    private int drain(SourceOutput output) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(buffer);
        int delivered = 0;
        // Stops early when the server has no room for more: the rest wait in the socket's buffer.
        for (int i = 0; i < MAX_DATAGRAMS_PER_PULL && !output.full(); i++) {
            into.clear();
            SocketAddress peer = channel.receive(into);
            if (peer == null) {
                break;
            }
            int length = into.position();
            if (length > maxDatagram) {
                oversize(peer);
                continue;
            }
            long stream = streamPerDatagram ? nextStream++ : 0;
            output.data(stream, datagrams++, buffer, 0, length, meta(peer));
            if (streamPerDatagram) {
                output.streamEnd(stream);
            }
            delivered++;
        }
        return delivered;
    }

    private Map<String, Object> meta(SocketAddress peer) {
        if (!peer.equals(lastPeer)) {
            InetSocketAddress address = (InetSocketAddress) peer;
            lastMeta = Map.of("peer_host", address.getAddress().getHostAddress(), "peer_port",
                    (long) address.getPort());
            lastPeer = peer;
        }
        return lastMeta;
    }

    private void oversize(SocketAddress peer) {
        // The runtime counts it, shows it and keeps the log quiet under a flood.
        context.error(OVERSIZE, "dropped a datagram from " + peer + " longer than max_datagram (" + maxDatagram
                + " bytes)");
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

    @Override
    public void close() throws IOException {
        Selector s = selector;
        DatagramChannel c = channel;
        selector = null;
        channel = null;
        try {
            if (s != null) {
                s.close();
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }
}
