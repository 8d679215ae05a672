package io.weir.connector.udp.internal.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.connector.support.internal.config.ConfigReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The udp_client sink: one datagram per frame, sent at once on the manager thread. The channel is
 * not connected, so ICMP "port unreachable" answers are not turned into errors: UDP delivery is
 * best effort, and an event counts as delivered once the kernel took its datagrams.
 */
@Component(service = Sink.class, configurationPid = UdpClientSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + UdpClientSink.TYPE)
@Designate(ocd = UdpClientConfig.class, factory = true)
public final class UdpClientSink implements Sink {
    static final String TYPE = "udp_client";
    static final String PID = "weir.sink." + TYPE;

    private final String host;
    private final int port;
    private final int maxDatagram;
    private final int sendBuffer;
    private String name = TYPE;
    private DatagramChannel channel;
    private InetSocketAddress target;

    @Activate
    public UdpClientSink(UdpClientConfig config) {
        ConfigReader options = new ConfigReader("udp_client");
        this.host = options.required("host", config::host);
        int p = options.read("port", config::port);
        if (p < 0) {
            throw options.invalid("port", "is required");
        }
        this.port = (int) options.range("port", () -> p, 1, 65535);
        this.maxDatagram = (int) options.range("max_datagram", config::max__datagram, 1, 65507);
        this.sendBuffer = (int) options.range("send_buffer_bytes", config::send__buffer__bytes, 0,
                Integer.MAX_VALUE);
    }

    @Override
    public void open(SinkContext context) throws Exception {
        name = context.name();
        // Resolved at every open, so a changed DNS entry is followed after a reconnect.
        InetSocketAddress resolved = new InetSocketAddress(host, port);
        if (resolved.isUnresolved()) {
            throw new IOException("udp_client " + name + ": cannot resolve host " + host);
        }
        DatagramChannel opened = DatagramChannel.open();
        try {
            if (sendBuffer > 0) {
                opened.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
            }
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        target = resolved;
        channel = opened;
    }

    @Override
    public void write(SinkEvent event) throws Exception {
        List<byte[]> frames = event.frames();
        if (frames.isEmpty()) {
            event.defer().fail("udp_client " + name + ": the event has no frames; configure a codec for this sink");
            return;
        }
        for (byte[] frame : frames) {
            if (frame.length > maxDatagram) {
                // Only this event is too big: fail it alone, send none of it, keep the breaker closed.
                event.defer().fail("udp_client " + name + ": a frame of " + frame.length
                        + " bytes is longer than max_datagram (" + maxDatagram + ")");
                return;
            }
        }
        for (byte[] frame : frames) {
            channel.send(ByteBuffer.wrap(frame), target);
        }
    }

    @Override
    public void close() throws IOException {
        DatagramChannel closing = channel;
        channel = null;
        if (closing != null) {
            closing.close();
        }
    }
}
