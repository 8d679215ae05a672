package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.NodeStats;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.Test;

/**
 * The udp connectors in real flows on loopback: {@code udp_server} drops datagrams longer than {@code max_datagram}
 * and counts them as connector errors of kind {@code oversize} in {@code weir:stats} (logged, but not once per
 * datagram), sends undecodable ones to {@code err}, and goes on receiving; {@code udp_client} fails only
 * the events too long for a datagram and sends the others.
 */
public class UdpIT extends ConnectorTestSupport {

    @Test
    public void oversizeAndGarbageDatagramsAreCountedAndTheSourceGoesOn() throws Exception {
        deployBuiltIn("udp");
        // Port 0: the source binds a free port and reports it; weir:connectors shows it.
        writeConfig("weir.source.udp_server-datagrams.cfg", Map.of("port", "0", "max_datagram", "256",
                "codec", "json"));
        writeConfig("weir.sink.capture-seen.cfg", Map.of());
        writeConfig("weir.sink.capture-errors.cfg", Map.of());
        writeConfig("weir.flow-datagrams.cfg", Map.of("links",
                "source/datagrams -> sink/seen, source/datagrams.err -> sink/errors"));
        Pattern listening = Pattern.compile("source/datagrams  udp_server .* at udp://127\\.0\\.0\\.1:(\\d+)");
        int port = awaitValue("weir:connectors shows the port bound", () -> {
            Matcher shown = listening.matcher(execute("weir:connectors"));
            return shown.find() ? Integer.parseInt(shown.group(1)) : null;
        });
        assertTrue(String.valueOf(port), port > 0);

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            // Datagrams sent before the source binds its socket are lost: probe until one arrives.
            await("the source receives", () -> {
                send(socket, port, utf8("{\"probe\":true}"));
                return capturedCount("seen") > 0;
            });
            send(socket, port, utf8("{\"n\":1}"));
            // valid JSON: had it not been dropped, it would arrive as an event
            send(socket, port, utf8("{\"big\":\"" + "x".repeat(1000) + "\"}"));
            byte[] garbage = new byte[200];
            Arrays.fill(garbage, (byte) 0xFF);
            send(socket, port, garbage);
            send(socket, port, utf8("{\"n\":2}"));

            await("the good datagrams arrive", () -> numbers("seen").equals(List.of(1L, 2L)));
            awaitCaptured("errors", 1);
            String reason = String.valueOf(((Map<?, ?>) capturedValues("errors").get(0)).get("error"));
            assertTrue(reason, reason.startsWith("codec 'json'"));
            assertTrue("the undecodable datagram is in the error event",
                    Arrays.equals(garbage, (byte[]) ((Map<?, ?>) capturedValues("errors").get(0)).get("raw")));
            NodeStats.Node counted = awaitNode("source/datagrams", "counts the oversize datagram",
                    n -> n.errors("oversize") == 1);
            assertEquals(Map.of("oversize", 1L), counted.errors());
            String logged = "source/datagrams: oversize: dropped a datagram from /127.0.0.1:" + socket.getLocalPort()
                    + " longer than max_datagram (256 bytes)";
            await("the oversize datagram is logged", () -> weirLog().contains(logged));

            // A flood of oversize datagrams is counted whole, logged only now and then, and harms nothing.
            for (int i = 0; i < 50; i++) {
                send(socket, port, new byte[300 + i]);
            }
            send(socket, port, utf8("{\"n\":3}"));
            await("datagrams after the bad ones still arrive", () -> numbers("seen").equals(List.of(1L, 2L, 3L)));
            NodeStats.Node source = awaitNode("source/datagrams", "counts the flood", n -> n.errors("oversize") == 51);
            assertEquals("only the undecodable datagram is an error event", 1, source.err());
            assertEquals("running", source.state());
            int lines = weirLog().split("oversize: dropped a datagram", -1).length - 1;
            assertTrue("logged at most once per kind every 10 s, not per datagram: " + lines, lines <= 3);
        }
    }

    @Test
    public void aUdpClientFailsOnlyTheEventsTooLongForADatagram() throws Exception {
        deployBuiltIn("udp");
        try (DatagramCollector receiver = new DatagramCollector()) {
            // {"n":0} ... {"n":99} fit in 8 bytes; {"n":100} and later do not.
            writeConfig("weir.source.recording-numbers.cfg", Map.of("count", "120"));
            writeConfig("weir.sink.udp_client-out.cfg", Map.of("port", String.valueOf(receiver.port()),
                    "max_datagram", "8", "codec", "json"));
            writeConfig("weir.flow-out.cfg", Map.of("links", "source/numbers -> sink/out"));

            await("every event has its outcome", () -> count("source", "numbers", "ackCalls")
                    + count("source", "numbers", "failCalls") == 120);
            assertEquals(IntStream.range(100, 120).mapToObj(i -> (long) i).toList(), failedPositions("numbers"));
            assertEquals(100, count("source", "numbers", "acked"));
            await("the datagrams that fit arrive", () -> receiver.received().size() == 100);
            assertEquals(IntStream.range(0, 100).mapToObj(n -> "{\"n\":" + n + "}").toList(), receiver.received());
            NodeStats.Node sink = node("sink/out");
            assertEquals(20, sink.err());
            assertEquals(100, sink.out());
            assertEquals("running", sink.state());
        }
    }

    private List<Long> numbers(String instance) {
        List<Long> numbers = new ArrayList<>();
        for (Object value : capturedValues(instance)) {
            Object n = ((Map<?, ?>) value).get("n");
            if (n != null) {
                numbers.add((Long) n);
            }
        }
        return numbers;
    }

    private static void send(DatagramSocket socket, int port, byte[] payload) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Receives datagrams on a loopback port and keeps their text, in arrival order. */
    private static final class DatagramCollector implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;
        private final List<String> received = new ArrayList<>();

        DatagramCollector() throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::receive, "itests-datagram-collector");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        synchronized List<String> received() {
            return new ArrayList<>(received);
        }

        private void receive() {
            byte[] buffer = new byte[65536];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (IOException e) {
                    return;
                }
                synchronized (this) {
                    received.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(5000);
        }
    }
}
