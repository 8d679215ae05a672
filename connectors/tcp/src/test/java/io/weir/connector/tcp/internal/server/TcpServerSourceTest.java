package io.weir.connector.tcp.internal.server;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocket;

import io.weir.connector.tcp.internal.testing.Certificates;
import io.weir.connector.tcp.internal.tls.TlsSettings;
import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.FakeSourceOutput.Item;
import io.weir.connector.testkit.Poll;
import io.weir.connector.testkit.Threads;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TcpServerSourceTest {
    private final List<TcpServerSource> opened = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @After
    public void closeAll() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        for (TcpServerSource source : opened) {
            source.close();
        }
        assertEquals("no I/O thread outlives close", List.of(), Threads.alive("weir-tcp_server-"));
    }

    private TcpServerSource open(Object... options) throws Exception {
        return open(null, new FakeSourceContext("test"), options);
    }

    private TcpServerSource open(IoLoop.Acceptor acceptor, FakeSourceContext context, Object... options)
            throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("port", "0");
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        TcpServerSource source = new TcpServerSource(Configs.of(TcpServerConfig.class, config));
        opened.add(source);
        if (acceptor != null) {
            source.acceptor(acceptor);
        }
        source.open(context);
        return source;
    }

    private Socket connect(TcpServerSource source) throws IOException {
        Socket socket = new Socket(source.boundAddress().getAddress(), source.boundAddress().getPort());
        sockets.add(socket);
        return socket;
    }

    private static void pullUntil(TcpServerSource source, FakeSourceOutput out, String what,
            java.util.function.BooleanSupplier done) throws Exception {
        Poll.until(what, 20_000, () -> source.pull(out, 20), done);
    }

    @Test
    public void manyClientsAtOnceKeepTheirBytesPerConnection() throws Exception {
        TcpServerSource source = open("buffer_bytes", "1024", "buffers", "16");
        assertTrue("listens on loopback by default", source.boundAddress().getAddress().isLoopbackAddress());
        int clients = 48;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Map<Integer, String> sent = new ConcurrentHashMap<>();
        Map<Integer, Integer> ports = new ConcurrentHashMap<>();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    StringBuilder text = new StringBuilder();
                    for (int line = 0; line < 200; line++) {
                        text.append("client ").append(client).append(" line ").append(line).append('\n');
                    }
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    Random random = new Random(client);
                    try (Socket socket = new Socket(source.boundAddress().getAddress(),
                            source.boundAddress().getPort())) {
                        ports.put(client, socket.getLocalPort());
                        OutputStream out = socket.getOutputStream();
                        // Writes of random sizes: lines are cut anywhere, as TCP may do.
                        for (int at = 0; at < bytes.length;) {
                            int n = Math.min(bytes.length - at, 1 + random.nextInt(700));
                            out.write(bytes, at, n);
                            out.flush();
                            at += n;
                        }
                    }
                    sent.put(client, text.toString());
                    return null;
                }));
            }
            FakeSourceOutput out = new FakeSourceOutput();
            pullUntil(source, out, "every connection to end", () -> out.ended().size() == clients);
            for (Future<?> future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
            Set<Long> streams = ConcurrentHashMap.newKeySet();
            for (Item item : out.data()) {
                streams.add(item.stream());
            }
            assertEquals(clients, streams.size());
            for (long stream : streams) {
                String received = out.text(stream);
                int client = Integer.parseInt(received.substring("client ".length(), received.indexOf(" line")));
                assertEquals("bytes of client " + client, sent.get(client), received);
                Item first = out.data().stream().filter(i -> i.stream() == stream).findFirst().orElseThrow();
                assertEquals("127.0.0.1", first.meta().get("peer_host"));
                assertEquals((long) ports.get(client), first.meta().get("peer_port"));
            }
            assertTrue("each stream ends after its data", endsFollowData(out));
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean endsFollowData(FakeSourceOutput out) {
        Set<Long> ended = new java.util.HashSet<>();
        for (Item item : out.items()) {
            if (item.kind().equals("end")) {
                ended.add(item.stream());
            } else if (ended.contains(item.stream())) {
                return false;
            }
        }
        return true;
    }

    @Test
    public void pausingOrAFullHandoffStopsReadingSoTcpPushesBackOnTheClient() throws Exception {
        TcpServerSource source = open("buffer_bytes", "4096", "buffers", "2");
        source.pause();
        byte[] payload = new byte[32 << 20];
        new Random(7).nextBytes(payload);
        AtomicLong written = new AtomicLong();
        Socket socket = connect(source);
        Thread writer = new Thread(() -> {
            try (OutputStream out = socket.getOutputStream()) {
                for (int at = 0; at < payload.length; at += 65536) {
                    out.write(payload, at, 65536);
                    written.addAndGet(65536);
                }
            } catch (IOException e) {
                written.set(-1);
            }
        }, "test-writer");
        writer.start();

        awaitStall(written);
        assertTrue("the client is held back", written.get() > 0 && written.get() < payload.length);
        assertEquals("nothing is read while paused", 0, source.bufferedBytes());

        source.resume();
        // Nobody pulls: the hand-off fills, and reading stops again.
        long before = written.get();
        awaitStall(written);
        assertTrue(written.get() < payload.length);
        long buffered = source.bufferedBytes();
        assertTrue("at most buffers x buffer_bytes wait: " + buffered, buffered > 0 && buffered <= 2 * 4096);
        assertTrue(before <= written.get());

        FakeSourceOutput out = new FakeSourceOutput();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Poll.until("the whole payload", 30_000, () -> {
            out.clear();
            source.pull(out, 20);
            for (Item item : out.data()) {
                received.write(item.data());
            }
        }, () -> received.size() == payload.length);
        writer.join(10_000);
        assertArrayEquals(payload, received.toByteArray());
    }

    @Test
    public void aPullEndsOnceTheRuntimeHasNoRoomAndTheNextGoesOnWithoutLoss() throws Exception {
        TcpServerSource source = open("buffer_bytes", "1024", "buffers", "16");
        byte[] payload = new byte[8 * 1024];
        new Random(11).nextBytes(payload);
        try (OutputStream out = connect(source).getOutputStream()) {
            out.write(payload);
        }
        // Read into at least eight hand-off items before the first pull, so that one pull could take them all.
        Poll.until("the payload read", 10_000, () -> source.bufferedBytes() == payload.length);
        FakeSourceOutput out = new FakeSourceOutput();
        // The runtime has room for one more item at the start of each pull, and none after it.
        out.onData(item -> out.full(true));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int pulls = 0;
        while (received.size() < payload.length) {
            assertTrue("the payload within 100 pulls", ++pulls <= 100);
            out.clear();
            out.full(false);
            source.pull(out, 20);
            assertTrue("one item a pull once full, got " + out.data().size(), out.data().size() <= 1);
            for (Item item : out.data()) {
                received.write(item.data());
            }
        }
        assertTrue("several pulls took the payload: " + pulls, pulls >= 8);
        assertArrayEquals(payload, received.toByteArray());
    }

    /** Waits until the writer made no progress for a while: its socket buffers are full. */
    private static void awaitStall(AtomicLong written) throws Exception {
        long[] last = {-2, System.nanoTime()};
        Poll.until("the writer to stall", 20_000, () -> Thread.sleep(20), () -> {
            long now = written.get();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - last[1] > TimeUnit.MILLISECONDS.toNanos(300);
        });
        assertFalse("the writer failed", written.get() < 0);
    }

    @Test
    public void connectionsBeyondMaxConnectionsWaitUntilOneCloses() throws Exception {
        TcpServerSource source = open("max_connections", "2");
        Socket a = connect(source);
        Socket b = connect(source);
        a.getOutputStream().write("a\n".getBytes());
        b.getOutputStream().write("b\n".getBytes());
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "a and b", () -> out.data().size() == 2);
        Socket c = connect(source);
        c.getOutputStream().write("c\n".getBytes());
        for (int i = 0; i < 10; i++) {
            source.pull(out, 20);
        }
        assertEquals("the third connection is not served yet", 2, out.data().size());
        a.close();
        pullUntil(source, out, "c once a closed", () -> out.text().contains("c\n"));
        assertEquals(1, out.ended().size());
    }

    /** Accepts as the JDK does, but fails while {@code failures} is above 0, as when file descriptors run out. */
    private static final class FailingAcceptor implements IoLoop.Acceptor {
        final AtomicInteger failures = new AtomicInteger();
        final List<Long> failedAt = new CopyOnWriteArrayList<>();

        @Override
        public java.nio.channels.SocketChannel accept(java.nio.channels.ServerSocketChannel server)
                throws IOException {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failedAt.add(System.nanoTime());
                throw new IOException("Too many open files");
            }
            return server.accept();
        }
    }

    @Test
    public void aFailedAcceptKeepsTheOpenConnectionsAndAcceptsAgainAfterABackOff() throws Exception {
        FailingAcceptor acceptor = new FailingAcceptor();
        FakeSourceContext context = new FakeSourceContext("test");
        TcpServerSource source = open(acceptor, context);
        Socket a = connect(source);
        a.getOutputStream().write("a1\n".getBytes());
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "a1", () -> out.text().contains("a1\n"));
        long streamA = out.data().get(0).stream();

        acceptor.failures.set(3);
        // The kernel completes b's connection in the listen backlog; taking it off fails three times.
        Socket b = connect(source);
        b.getOutputStream().write("b\n".getBytes());
        Poll.until("the first failed accept", 10_000, () -> !acceptor.failedAt.isEmpty());
        a.getOutputStream().write("a2\n".getBytes());
        pullUntil(source, out, "a2 after the failed accept", () -> out.text(streamA).equals("a1\na2\n"));
        pullUntil(source, out, "b once accepting works again", () -> out.text().contains("b\n"));

        assertEquals("each failure is reported", 3, context.errors(IoLoop.ACCEPT_ERROR));
        assertEquals("the source is not failed", List.of(), context.lost());
        assertEquals("no stream ended", List.of(), out.ended());
        String message = context.errors().get(0).message();
        assertTrue(message, message.contains("127.0.0.1:" + source.boundAddress().getPort())
                && message.contains("Too many open files"));
        for (int i = 1; i < acceptor.failedAt.size(); i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(acceptor.failedAt.get(i) - acceptor.failedAt.get(i - 1));
            assertTrue("accepting waits out the back-off instead of spinning: " + gap + " ms",
                    gap >= IoLoop.ACCEPT_BACKOFF_MILLIS);
        }
        // Both connections go on, each its own stream.
        long streamB = out.data().stream().map(Item::stream).filter(s -> s != streamA).findFirst().orElseThrow();
        a.getOutputStream().write("a3\n".getBytes());
        b.getOutputStream().write("b2\n".getBytes());
        pullUntil(source, out, "a3 and b2", () -> out.text(streamA).equals("a1\na2\na3\n")
                && out.text(streamB).equals("b\nb2\n"));
        assertEquals(2, out.data().stream().map(Item::stream).distinct().count());
    }

    @Test
    public void aSourceBackingOffFromFailedAcceptsClosesPromptly() throws Exception {
        FailingAcceptor acceptor = new FailingAcceptor();
        acceptor.failures.set(Integer.MAX_VALUE);
        FakeSourceContext context = new FakeSourceContext("test").withCloseTimeoutMillis(60_000);
        TcpServerSource source = open(acceptor, context);
        connect(source);
        Poll.until("a failed accept reported", 10_000, () -> context.errors(IoLoop.ACCEPT_ERROR) >= 1);
        long start = System.nanoTime();
        source.close();
        assertEquals("the I/O thread ended", List.of(), Threads.alive("weir-tcp_server-"));
        assertTrue("close did not wait out its timeout",
                System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assertEquals(List.of(), context.lost());
    }

    /** @return whether the server closed the connection (a read sees its end or a reset), waiting 1 ms at most */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    @Test
    public void aTlsClientThatNeverHandshakesIsClosedAfterTheHandshakeTimeoutAndCounted() throws Exception {
        Certificates certificates = Certificates.create(folder.getRoot());
        FakeSourceContext context = new FakeSourceContext("test");
        TcpServerSource source = open(null, context, "tls.enabled", "true",
                "tls.keystore", certificates.server.getPath(), ".tls.keystore_password", Certificates.PASSWORD,
                "tls.handshake_timeout_ms", "300");
        SSLSocket client = (SSLSocket) new TlsSettings("test", "", "", certificates.trust.getPath(),
                Certificates.PASSWORD).context().getSocketFactory()
                .createSocket(source.boundAddress().getAddress(), source.boundAddress().getPort());
        sockets.add(client);
        client.startHandshake();
        client.getOutputStream().write("a\n".getBytes());
        client.getOutputStream().flush();

        long start = System.nanoTime();
        Socket silent = connect(source);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "the silent connection closed", () -> closedByServer(silent));
        assertTrue("closed after the handshake timeout: " + millisSince(start) + " ms", millisSince(start) >= 300);
        assertEquals(List.of("tls"), context.errorKinds());
        String message = context.errors().get(0).message();
        assertTrue(message, message.contains("127.0.0.1:" + silent.getLocalPort()) && message.contains("timed out")
                && message.contains("tls.handshake_timeout_ms (300 ms)"));

        // The handshaken client, as quiet as the silent one meanwhile, goes on: the timeout is the handshake's.
        client.getOutputStream().write("b\n".getBytes());
        client.getOutputStream().flush();
        pullUntil(source, out, "a and b", () -> out.text().equals("a\nb\n"));
        assertEquals("one stream, still open", 1, out.data().stream().map(Item::stream).distinct().count());
        assertEquals(List.of(), out.ended());
        assertFalse(closedByServer(client));
        assertEquals(1, context.errors("tls"));
    }

    @Test
    public void aConnectionIdleForIdleTimeoutIsClosedAndItsStreamEnds() throws Exception {
        FakeSourceContext context = new FakeSourceContext("test");
        TcpServerSource source = open(null, context, "idle_timeout_ms", "300");
        Socket quiet = connect(source);
        Socket busy = connect(source);
        quiet.getOutputStream().write("q\n".getBytes());
        busy.getOutputStream().write("b\n".getBytes());
        Socket silent = connect(source);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "q and b", () -> out.data().size() == 2);
        long quietSince = System.nanoTime();
        long quietStream = out.data().stream().filter(i -> new String(i.data()).equals("q\n")).findFirst()
                .orElseThrow().stream();
        long busyStream = out.data().stream().map(Item::stream).filter(s -> s != quietStream).findFirst()
                .orElseThrow();

        // The busy client writes at every step, well within the timeout; the quiet and the silent one do not.
        pullUntil(source, out, "the quiet and the silent connection closed", () -> {
            try {
                busy.getOutputStream().write("b\n".getBytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.ended().contains(quietStream) && closedByServer(quiet) && closedByServer(silent);
        });
        assertTrue("closed after the idle timeout: " + millisSince(quietSince) + " ms", millisSince(quietSince) >= 300);
        assertEquals("the quiet stream ended, as at a client close", List.of(quietStream), out.ended());
        assertEquals("q\n", out.text(quietStream));
        assertFalse(closedByServer(busy));
        busy.getOutputStream().write("end\n".getBytes());
        pullUntil(source, out, "the busy client's last line", () -> out.text(busyStream).endsWith("b\nend\n"));
        assertEquals("an idle close is no error", List.of(), context.errorKinds());
    }

    @Test
    public void withIdleTimeoutOffQuietConnectionsStayOpen() throws Exception {
        TcpServerSource off = open("idle_timeout_ms", "0");
        TcpServerSource on = open("idle_timeout_ms", "300");
        Socket quietOff = connect(off);
        Socket silentOff = connect(off);
        Socket silentOn = connect(on);
        quietOff.getOutputStream().write("q\n".getBytes());
        FakeSourceOutput outOff = new FakeSourceOutput();
        pullUntil(off, outOff, "q", () -> outOff.text().equals("q\n"));
        long start = System.nanoTime();
        FakeSourceOutput outOn = new FakeSourceOutput();
        // Three times the timeout that closes the other source's silent connection.
        pullUntil(off, outOff, "the connection with a timeout closed, and 900 ms", () -> {
            on.pull(outOn, 0);
            return closedByServer(silentOn) && millisSince(start) >= 900;
        });
        assertFalse(closedByServer(quietOff));
        assertFalse(closedByServer(silentOff));
        assertEquals(List.of(), outOff.ended());
        quietOff.getOutputStream().write("r\n".getBytes());
        pullUntil(off, outOff, "r on the same stream", () -> outOff.text().equals("q\nr\n"));
        assertEquals(1, outOff.data().stream().map(Item::stream).distinct().count());
    }

    @Test
    public void aPausedSourceClosesNoConnectionAsIdle() throws Exception {
        TcpServerSource source = open("idle_timeout_ms", "300");
        Socket quiet = connect(source);
        quiet.getOutputStream().write("q\n".getBytes());
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "q", () -> out.text().equals("q\n"));
        source.pause();
        long start = System.nanoTime();
        // Three idle timeouts long, or until the connection is closed (which fails the test at once).
        boolean[] closed = {false};
        pullUntil(source, out, "three idle timeouts while paused",
                () -> (closed[0] = closedByServer(quiet)) || millisSince(start) >= 900);
        assertFalse("not reading is not the client's idleness", closed[0]);
        assertEquals(List.of(), out.ended());

        // Once reading again, the client's silence counts.
        source.resume();
        pullUntil(source, out, "the idle connection closed after the resume", () -> closedByServer(quiet)
                && out.ended().size() == 1);
    }

    @Test
    public void aClosedAndReopenedSourceListensAgainWithNewStreamIds() throws Exception {
        TcpServerSource source = open();
        Socket first = connect(source);
        first.getOutputStream().write("x".getBytes());
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "x", () -> out.data().size() == 1);
        source.close();
        Poll.until("the I/O thread to end", 5000,
                () -> Threads.alive("weir-tcp_server-").isEmpty());
        FakeSourceContext reopened = new FakeSourceContext("test");
        source.open(reopened);
        assertEquals("the port bound is reported, also when the configuration says 0",
                "tcp://127.0.0.1:" + source.boundAddress().getPort(), reopened.endpoint());
        Socket second = connect(source);
        second.getOutputStream().write("y".getBytes());
        pullUntil(source, out, "y", () -> out.data().size() == 2);
        assertTrue(out.data().get(1).stream() > out.data().get(0).stream());
    }

    @Test
    public void aPortInUseFailsTheOpenNamingTheAddress() throws Exception {
        TcpServerSource first = open();
        Map<String, Object> config = Map.of("port", String.valueOf(first.boundAddress().getPort()));
        TcpServerSource second = new TcpServerSource(Configs.of(TcpServerConfig.class, config));
        try {
            second.open(new FakeSourceContext("second"));
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("127.0.0.1:" + first.boundAddress().getPort()));
        } finally {
            second.close();
        }
    }

    @Test
    public void badOptionsAreRejectedNamingTheOption() {
        assertRejected("port", Map.of());
        assertRejected("port", Map.of("port", "70000"));
        assertRejected("port", Map.of("port", "http"));
        assertRejected("max_connections", Map.of("port", "0", "max_connections", "0"));
        assertRejected("buffers", Map.of("port", "0", "buffers", "0"));
        assertRejected("idle_timeout_ms", Map.of("port", "0", "idle_timeout_ms", "-1"));
        assertRejected("idle_timeout_ms", Map.of("port", "0", "idle_timeout_ms", "99"));
        assertRejected("tls.handshake_timeout_ms", Map.of("port", "0", "tls.handshake_timeout_ms", "99"));
        assertRejected("tls.client_auth", Map.of("port", "0", "tls.client_auth", "maybe"));
        assertRejected("tls.keystore", Map.of("port", "0", "tls.enabled", "true"));
        assertRejected("tls.keystore", Map.of("port", "0", "tls.enabled", "true", "tls.keystore", "/no/such.p12"));
    }

    private static void assertRejected(String option, Map<String, Object> config) {
        try {
            new TcpServerSource(Configs.of(TcpServerConfig.class, config));
            fail("accepted " + config);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("option " + option));
        }
    }
}
