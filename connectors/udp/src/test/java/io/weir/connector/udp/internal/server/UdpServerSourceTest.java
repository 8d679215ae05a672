package io.weir.connector.udp.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.FakeSourceOutput.Item;
import io.weir.connector.testkit.Poll;

import org.junit.After;
import org.junit.Test;

public class UdpServerSourceTest {
    private final List<UdpServerSource> opened = new ArrayList<>();
    private final DatagramSocket client;

    public UdpServerSourceTest() throws IOException {
        client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    }

    @After
    public void closeAll() throws Exception {
        client.close();
        for (UdpServerSource source : opened) {
            source.close();
        }
    }

    private final FakeSourceContext context = new FakeSourceContext("test");

    private UdpServerSource open(Object... options) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("port", "0");
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        UdpServerSource source = new UdpServerSource(Configs.of(UdpServerConfig.class, config));
        opened.add(source);
        source.open(context);
        return source;
    }

    private void send(UdpServerSource source, byte[] datagram) throws IOException {
        client.send(new DatagramPacket(datagram, datagram.length, source.boundAddress()));
    }

    @Test
    public void eachDatagramIsOneChunkOnStreamZeroWithItsPeer() throws Exception {
        UdpServerSource source = open();
        assertTrue(source.boundAddress().getAddress().isLoopbackAddress());
        assertEquals("the port bound is reported", "udp://127.0.0.1:" + source.boundAddress().getPort(),
                context.endpoint());
        send(source, "one".getBytes());
        send(source, "two\nlines\n".getBytes());
        send(source, new byte[0]);
        FakeSourceOutput out = new FakeSourceOutput();
        Poll.until("three datagrams", 5000, () -> source.pull(out, 20), () -> out.data().size() == 3);
        assertEquals(List.of("one", "two\nlines\n", ""), out.data().stream().map(Item::text).toList());
        for (Item item : out.data()) {
            assertEquals(0L, item.stream());
            assertEquals("127.0.0.1", item.meta().get("peer_host"));
            assertEquals((long) client.getLocalPort(), item.meta().get("peer_port"));
        }
        assertEquals(List.of(0L, 1L, 2L), out.data().stream().map(Item::position).toList());
        assertTrue(out.ended().isEmpty());
    }

    @Test
    public void datagramsLongerThanMaxDatagramAreDroppedAndReportedAsCountedErrors() throws Exception {
        UdpServerSource source = open("max_datagram", "100");
        send(source, new byte[50]);
        send(source, new byte[150]);
        send(source, new byte[100]);
        send(source, new byte[101]);
        send(source, new byte[65507]);
        send(source, "last".getBytes());
        FakeSourceOutput out = new FakeSourceOutput();
        Poll.until("the last datagram", 5000, () -> source.pull(out, 20), () -> out.text().endsWith("last"));
        assertEquals(List.of(50, 100, 4), out.data().stream().map(i -> i.data().length).toList());
        assertEquals(List.of("oversize", "oversize", "oversize"), context.errorKinds());
        String message = context.errors().get(0).message();
        assertTrue(message, message.contains("longer than max_datagram (100 bytes)")
                && message.contains("127.0.0.1:" + client.getLocalPort()));
        assertTrue("the count lives in the runtime, not in the hot-swap state", source.snapshot().isEmpty());
    }

    @Test
    public void aPullEndsOnceTheRuntimeHasNoRoomAndTheRestWaitInTheSocket() throws Exception {
        UdpServerSource source = open();
        List<String> sent = List.of("a", "b", "c", "d", "e");
        for (String datagram : sent) {
            send(source, datagram.getBytes());
        }
        FakeSourceOutput out = new FakeSourceOutput();
        // The runtime has room for one more datagram at the start of each pull, and none after it.
        out.onData(item -> out.full(true));
        List<String> received = new ArrayList<>();
        Poll.until("five datagrams", 5000, () -> {
            out.clear();
            out.full(false);
            source.pull(out, 20);
            assertTrue("one datagram a pull once full, got " + out.data().size(), out.data().size() <= 1);
            out.data().forEach(item -> received.add(item.text()));
        }, () -> received.size() == sent.size());
        assertEquals(sent, received);
        out.clear();
        out.full(true);
        assertTrue(source.pull(out, 0));
        assertEquals("a pull that starts without room takes nothing", 0, out.data().size());
    }

    @Test
    public void streamsPerDatagramEndEachDatagramsStream() throws Exception {
        UdpServerSource source = open("streams", "datagram", "receive_buffer_bytes", "262144");
        send(source, "a".getBytes());
        send(source, "b".getBytes());
        FakeSourceOutput out = new FakeSourceOutput();
        Poll.until("two datagrams", 5000, () -> source.pull(out, 20), () -> out.ended().size() == 2);
        assertEquals(List.of("data", "end", "data", "end"), out.items().stream().map(Item::kind).toList());
        long first = out.items().get(0).stream();
        assertEquals(first, out.items().get(1).stream());
        assertEquals(first + 1, out.items().get(2).stream());
    }

    @Test
    public void pullWaitsAtMostItsTimeoutWhenNothingComes() throws Exception {
        UdpServerSource source = open();
        FakeSourceOutput out = new FakeSourceOutput();
        long start = System.nanoTime();
        assertTrue(source.pull(out, 50));
        assertTrue(source.pull(out, 0));
        assertTrue("returned within a bound", System.nanoTime() - start < 5_000_000_000L);
        assertTrue(out.items().isEmpty());
    }

    @Test
    public void aPortInUseFailsTheOpenAndBadOptionsNameTheOption() throws Exception {
        UdpServerSource first = open();
        UdpServerSource second = new UdpServerSource(Configs.of(UdpServerConfig.class,
                Map.of("port", String.valueOf(first.boundAddress().getPort()))));
        try {
            second.open(new FakeSourceContext("second"));
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("cannot listen on 127.0.0.1:"));
        } finally {
            second.close();
        }
        assertRejected("port", Map.of());
        assertRejected("max_datagram", Map.of("port", "0", "max_datagram", "70000"));
        assertRejected("receive_buffer_bytes", Map.of("port", "0", "receive_buffer_bytes", "-1"));
        assertRejected("streams", Map.of("port", "0", "streams", "peer"));
    }

    private static void assertRejected(String option, Map<String, Object> config) {
        try {
            new UdpServerSource(Configs.of(UdpServerConfig.class, config));
            fail("accepted " + config);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("option " + option));
        }
    }
}
