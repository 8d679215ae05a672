package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.FreePorts;
import io.weir.itests.support.LineServer;
import io.weir.itests.support.NodeStats;
import io.weir.itests.support.NumberedLines;
import io.weir.itests.support.SelfSignedStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.net.ssl.SSLSocket;
import org.junit.Test;
import org.osgi.framework.ServiceReference;

/**
 * The tcp connectors in real flows on loopback: many clients at once into {@code tcp_server} keep their lines apart
 * and in order; a {@code tcp_client} sink whose server goes away and comes back loses nothing; garbage, over-long
 * lines and truncated frames are counted on the {@code err} port and the server goes on serving; a TLS server counts
 * each client that does not speak TLS as a connector error of kind {@code tls} and goes on serving TLS clients.
 */
public class TcpIT extends ConnectorTestSupport {

    private static final int CLIENTS = 32;
    private static final int LINES_PER_CLIENT = 200;

    @Test
    public void manyClientsAtOnceKeepTheirLinesApartAndInOrder() throws Exception {
        deployBuiltIn("tcp");
        int port = FreePorts.tcp();
        writeConfig("weir.source.tcp_server-ingest.cfg", Map.of("port", String.valueOf(port), "codec", "json",
                "preprocessors", "separate"));
        writeConfig("weir.sink.capture-seen.cfg", Map.of());
        writeConfig("weir.sink.capture-errors.cfg", Map.of());
        writeConfig("weir.flow-many.cfg", Map.of("links", "source/ingest -> sink/seen, source/ingest.err -> sink/errors"));
        awaitFlowState("many", "RUNNING");

        // Every client writes each line in pieces, so that lines cross reads and the clients' bytes interleave.
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    try (Socket socket = connect(port)) {
                        OutputStream out = socket.getOutputStream();
                        start.await();
                        for (int seq = 0; seq < LINES_PER_CLIENT; seq++) {
                            byte[] line = line(client, seq).getBytes(StandardCharsets.UTF_8);
                            int cut = 1 + (client + seq) % (line.length - 1);
                            out.write(line, 0, cut);
                            out.flush();
                            out.write(line, cut, line.length - cut);
                            out.flush();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> client : done) {
                client.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        long expected = (long) CLIENTS * LINES_PER_CLIENT;
        await("every line arrives", () -> capturedCount("seen") == expected);
        Map<Long, List<Map<?, ?>>> byStream = new TreeMap<>();
        for (Map<String, Object> event : captured("seen")) {
            byStream.computeIfAbsent((Long) event.get("stream"), s -> new ArrayList<>()).add((Map<?, ?>) event.get("value"));
        }
        assertEquals("one stream per connection", CLIENTS, byStream.size());
        List<Long> clientsSeen = new ArrayList<>();
        for (List<Map<?, ?>> stream : byStream.values()) {
            long client = (Long) stream.get(0).get("client");
            clientsSeen.add(client);
            List<String> lines = stream.stream().map(TcpIT::asLine).toList();
            List<String> sent = IntStream.range(0, LINES_PER_CLIENT).mapToObj(seq -> line((int) client, seq).trim())
                    .toList();
            assertEquals("the lines of client " + client + ", whole and in order", sent, lines);
        }
        assertEquals("every client", IntStream.range(0, CLIENTS).mapToObj(i -> (long) i).toList(),
                clientsSeen.stream().sorted().toList());
        assertEquals(0, capturedCount("errors"));
        NodeStats.Node source = node("source/ingest");
        assertEquals(expected, source.out());
        assertEquals(0, source.err());
    }

    @Test
    public void aTcpClientSinkWhoseServerGoesAwayAndComesBackLosesNothing() throws Exception {
        deployBuiltIn("tcp");
        deployBuiltIn("file");
        Path input = newFolder("forward").resolve("in.log");
        LineServer first = LineServer.start(0);
        int port = first.port();
        LineServer second = null;
        try {
            writeConfig("weir.source.file-lines.cfg", Map.of("path", input.toString(), "codec", "string",
                    "preprocessors", "separate", "poll_interval_ms", "20"));
            writeConfig("weir.sink.tcp_client-forward.cfg", Map.of("port", String.valueOf(port), "codec", "string",
                    "postprocessors", "separate", "retry.backoff_ms", "50", "retry.max_backoff_ms", "400"));
            writeConfig("weir.flow-forward.cfg", Map.of("links", "source/lines -> sink/forward"));
            append(input, NumberedLines.text(0, 100));
            await("the first lines reach the server", () -> first.lines().size() == 100);
            awaitNode("source/lines", "has every line acknowledged", n -> n.acked() == 100);

            first.close();
            awaitNode("source/lines", "is paused by the sink's open breaker", n -> n.state().equals("paused"));
            awaitNode("sink/forward", "fails to connect while the server is gone", n -> n.state().equals("failed"));
            append(input, NumberedLines.text(100, 200));
            NodeStats.Node paused = awaitNode("source/lines", "is still paused", n -> n.state().equals("paused"));
            assertEquals("nothing is read while the breaker is open", 100, paused.in());

            second = LineServer.start(port);
            LineServer back = second;
            await("the lines written while the server was gone arrive", () -> back.lines().size() >= 100);
            awaitNode("source/lines", "has every line acknowledged", n -> n.acked() == 200);
            assertEquals(NumberedLines.lines(0, 100), first.lines());
            assertEquals("each line once, in order", NumberedLines.lines(100, 200), second.lines());
            assertEquals(0, node("source/lines").failed());
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    public void garbageOverlongLinesAndTruncatedFramesAreCountedAndTheServerKeepsServing() throws Exception {
        deployBuiltIn("tcp");
        int port = FreePorts.tcp();
        writeConfig("weir.source.tcp_server-ingest.cfg", Map.of("port", String.valueOf(port), "codec", "json",
                "preprocessors", "separate", "preprocessor.separate.max_length", "1024"));
        writeConfig("weir.sink.capture-seen.cfg", Map.of());
        writeConfig("weir.sink.capture-errors.cfg", Map.of());
        writeConfig("weir.flow-dirty.cfg", Map.of("links", "source/ingest -> sink/seen, source/ingest.err -> sink/errors"));
        awaitFlowState("dirty", "RUNNING");

        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(utf8("{\"client\":0,\"seq\":0}\n"));
            out.write(garbage(500));
            out.write('\n');
            out.write(utf8("x".repeat(5000) + "\n"));
            out.write(utf8("{\"client\":0,\"seq\":1}\n"));
            out.write(utf8("{\"client\":0,\n"));
            out.write(utf8("{\"client\":0,\"seq\":2}\n"));
            // a last frame cut short by the end of the connection
            out.write(utf8("{\"client\":0,\"se"));
            out.flush();
        }
        awaitCaptured("seen", 3);
        awaitCaptured("errors", 4);

        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(utf8("{\"client\":1,\"seq\":0}\n"));
        }
        awaitCaptured("seen", 4);
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(utf8("{\"client\":2,\"seq\":0}\n"));
            awaitCaptured("seen", 5);
            socket.setSoLinger(true, 0); // the close resets the connection
        }
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(utf8("{\"client\":3,\"seq\":0}\n"));
        }
        awaitCaptured("seen", 6);

        List<String> good = capturedValues("seen").stream().map(v -> asLine((Map<?, ?>) v)).toList();
        assertEquals(List.of("{\"client\":0,\"seq\":0}", "{\"client\":0,\"seq\":1}", "{\"client\":0,\"seq\":2}",
                "{\"client\":1,\"seq\":0}", "{\"client\":2,\"seq\":0}", "{\"client\":3,\"seq\":0}"), good);
        List<String> reasons = capturedValues("errors").stream().map(v -> String.valueOf(((Map<?, ?>) v).get("error")))
                .toList();
        assertEquals(reasons.toString(), 1, reasons.stream().filter(r -> r.startsWith("preprocessor 'separate'")).count());
        assertEquals(reasons.toString(), 3, reasons.stream().filter(r -> r.startsWith("codec 'json'")).count());
        assertEquals(4, capturedCount("errors"));
        NodeStats.Node source = node("source/ingest");
        assertEquals(4, source.err());
        assertEquals(6, source.out());
        assertEquals("running", source.state());
        assertEquals("bad records are err events, not connector errors", Map.of(), source.errors());
        assertTrue(execute("weir:flows dirty").contains("flow dirty  RUNNING"));
    }

    @Test
    public void aTlsServerCountsClientsThatDoNotSpeakTlsAndGoesOnServingTheOthers() throws Exception {
        deployBuiltIn("tcp");
        SelfSignedStore store = SelfSignedStore.create(newFolder("tls"));
        int port = FreePorts.tcp();
        writeConfig("weir.source.tcp_server-secure.cfg", Map.of("port", String.valueOf(port), "codec", "json",
                "preprocessors", "separate", "tls.enabled", "true", "tls.keystore", store.file().toString(),
                ".tls.keystore_password", SelfSignedStore.PASSWORD));
        writeConfig("weir.sink.capture-seen.cfg", Map.of());
        writeConfig("weir.flow-secure.cfg", Map.of("links", "source/secure -> sink/seen"));
        awaitFlowState("secure", "RUNNING");

        sendOverTls(store, port, "{\"n\":1}\n");
        awaitCaptured("seen", 1);
        assertEquals("a TLS client that closes properly is no error", Map.of(), node("source/secure").errors());
        ServiceReference<?>[] services = context.getServiceReferences((String) null,
                "(service.pid=weir.source.tcp_server~secure)");
        assertEquals(1, services.length);
        ServiceReference<?> service = services[0];
        List<String> keys = List.of(service.getPropertyKeys());
        assertTrue("public options are service properties: " + keys, keys.contains("tls.keystore"));
        // DS publishes the declared default ("") of tls.keystore_password; the password itself stays private.
        assertTrue("the password written with a leading dot is no service property: " + keys, keys.stream()
                .noneMatch(k -> k.startsWith(".") || String.valueOf(service.getProperty(k)).contains(
                        SelfSignedStore.PASSWORD)));

        for (int i = 0; i < 3; i++) {
            try (Socket plain = connect(port)) {
                plain.getOutputStream().write(i == 0 ? utf8("{\"n\":0}\n") : garbage(300));
                plain.getOutputStream().flush();
                // The server closes the connection once the handshake fails.
                plain.setSoTimeout((int) TIMEOUT.toMillis());
                while (plain.getInputStream().read() >= 0) {
                    continue;
                }
            } catch (IOException reset) {
                // the server may reset rather than close
            }
        }
        NodeStats.Node counted = awaitNode("source/secure", "counts 3 failed handshakes", n -> n.errors("tls") == 3);
        assertEquals(Map.of("tls", 3L), counted.errors());
        String stats = execute("weir:stats");
        assertTrue(stats, stats.contains("last error: tls: TLS handshake with 127.0.0.1:"));

        sendOverTls(store, port, "{\"n\":2}\n");
        awaitCaptured("seen", 2);
        assertEquals(List.of(Map.of("n", 1L), Map.of("n", 2L)), capturedValues("seen"));
        NodeStats.Node source = node("source/secure");
        assertEquals("running", source.state());
        assertEquals(3, source.errors("tls"));
        assertEquals(0, source.err());
    }

    private static void sendOverTls(SelfSignedStore store, int port, String text) throws Exception {
        try (SSLSocket socket = (SSLSocket) store.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(utf8(text));
            socket.getOutputStream().flush();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** A JSON line whose padding differs per client and line, so that mixed-up bytes cannot pass as a line. */
    private static String line(int client, int seq) {
        String pad = String.valueOf((char) ('a' + client % 26)).repeat(10 + (client * 7 + seq) % 90);
        return "{\"client\":" + client + ",\"seq\":" + seq + ",\"pad\":\"" + pad + "\"}\n";
    }

    /** The JSON text of a decoded line (keys in order, as the json codec keeps them). */
    private static String asLine(Map<?, ?> value) {
        return value.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Binary garbage without a line end, starting with a byte that is never valid UTF-8. */
    private static byte[] garbage(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = (byte) 0xFE;
            }
        }
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
