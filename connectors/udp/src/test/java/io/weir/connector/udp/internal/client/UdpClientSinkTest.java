package io.weir.connector.udp.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSinkContext;
import io.weir.connector.testkit.FakeSinkEvent;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.Poll;
import io.weir.connector.udp.internal.server.ServerFixture;
import io.weir.connector.udp.internal.server.UdpServerSource;

import org.junit.Test;

public class UdpClientSinkTest {

    private static UdpClientSink sink(int port, String... options) {
        java.util.HashMap<String, Object> config = new java.util.HashMap<>();
        config.put("port", String.valueOf(port));
        for (int i = 0; i < options.length; i += 2) {
            config.put(options[i], options[i + 1]);
        }
        return new UdpClientSink(Configs.of(UdpClientConfig.class, config));
    }

    @Test
    public void sendsOneDatagramPerFrameAndFailsAnEventWithAFrameTooLongSendingNoneOfIt() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            receiver.setSoTimeout(5000);
            UdpClientSink sink = sink(receiver.getLocalPort(), "max_datagram", "10");
            sink.open(new FakeSinkContext("out"));
            FakeSinkEvent two = FakeSinkEvent.of("first", "second");
            sink.write(two);
            FakeSinkEvent tooLong = FakeSinkEvent.of("ok", "much too long");
            sink.write(tooLong);
            FakeSinkEvent empty = new FakeSinkEvent(List.of());
            sink.write(empty);
            sink.write(FakeSinkEvent.of("third"));
            sink.flush();
            sink.close();

            assertNull("left to the manager", two.outcome());
            assertTrue(tooLong.outcome(), tooLong.outcome().startsWith("fail: ")
                    && tooLong.outcome().contains("13 bytes") && tooLong.outcome().contains("max_datagram (10)"));
            assertTrue(empty.outcome(), empty.outcome().contains("codec"));
            assertEquals("first", receive(receiver));
            assertEquals("second", receive(receiver));
            assertEquals("nothing of the failed event was sent", "third", receive(receiver));
            receiver.setSoTimeout(100);
            try {
                receive(receiver);
                fail("no further datagram");
            } catch (SocketTimeoutException expected) {
                // nothing more
            }
        }
    }

    private static String receive(DatagramSocket receiver) throws java.io.IOException {
        DatagramPacket packet = new DatagramPacket(new byte[100], 100);
        receiver.receive(packet);
        return new String(packet.getData(), 0, packet.getLength());
    }

    @Test
    public void roundTripToTheUdpServerSource() throws Exception {
        UdpServerSource source = ServerFixture.open(Map.of("port", "0"));
        try {
            UdpClientSink sink = sink(ServerFixture.address(source).getPort());
            sink.open(new FakeSinkContext("out"));
            for (int i = 0; i < 20; i++) {
                sink.write(FakeSinkEvent.of("event " + i));
            }
            sink.flush();
            sink.close();
            FakeSourceOutput out = new FakeSourceOutput();
            Poll.until("twenty datagrams", 5000, () -> source.pull(out, 20), () -> out.data().size() == 20);
            assertEquals("event 19", out.data().get(19).text());
        } finally {
            source.close();
        }
    }

    @Test
    public void anUnknownHostFailsTheOpenAndBadOptionsNameTheOption() throws Exception {
        UdpClientSink unknown = new UdpClientSink(Configs.of(UdpClientConfig.class,
                Map.of("host", "no-such-host.invalid", "port", "9")));
        try {
            unknown.open(new FakeSinkContext("out"));
            fail();
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no-such-host.invalid"));
        }
        unknown.close();
        assertRejected("port", Map.of());
        assertRejected("max_datagram", Map.of("port", "9", "max_datagram", "0"));
        assertRejected("send_buffer_bytes", Map.of("port", "9", "send_buffer_bytes", "big"));
    }

    private static void assertRejected(String option, Map<String, Object> config) {
        try {
            new UdpClientSink(Configs.of(UdpClientConfig.class, config));
            fail("accepted " + config);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("option " + option));
        }
    }
}
