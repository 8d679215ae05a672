package io.weir.connector.tcp.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSinkContext;
import io.weir.connector.testkit.FakeSinkEvent;
import io.weir.connector.testkit.Poll;
import io.weir.connector.testkit.Threads;

import org.junit.After;
import org.junit.Test;

public class TcpClientSinkTest {
    private TestServer server;

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static TcpClientSink sink(int port, Object... options) {
        Map<String, Object> config = new HashMap<>();
        config.put("port", String.valueOf(port));
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        return new TcpClientSink(Configs.of(TcpClientConfig.class, config));
    }

    @Test
    public void writesFramesNoticesTheServerGoingAwayAndWorksAgainOnceItIsBack() throws Exception {
        server = new TestServer(0);
        int port = server.port();
        TcpClientSink sink = sink(port);
        FakeSinkContext context = new FakeSinkContext("out");
        sink.open(context);
        sink.write(FakeSinkEvent.of("a\n"));
        sink.write(FakeSinkEvent.of("b", "c\n"));
        sink.flush();
        assertEquals("a\nbc\n", server.received(5));

        server.close();
        Poll.until("the sink to report the lost connection", 5000,
                () -> !context.calls().isEmpty());
        assertTrue(context.calls().toString(), context.calls().get(0).startsWith("lost: "));
        try {
            sink.write(FakeSinkEvent.of("d\n"));
            sink.flush();
            fail("a write after the server left must fail so the batch is failed");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("out"));
        }

        // What the manager does: close, then open again with backoff until the server is back.
        sink.close();
        assertEquals(List.of(), Threads.alive("weir-tcp_client-"));
        try {
            sink.open(new FakeSinkContext("out"));
            fail("no server to connect to");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("127.0.0.1:" + port));
        }
        sink.close();

        server = new TestServer(port);
        sink.open(new FakeSinkContext("out"));
        sink.write(FakeSinkEvent.of("e\n"));
        sink.flush();
        assertEquals("e\n", server.received(2));
        sink.close();
        assertEquals(List.of(), Threads.alive("weir-tcp_client-"));
    }

    @Test
    public void aServerThatStopsReadingFailsTheBatchAfterTheWriteTimeoutAndClosesTheConnection() throws Exception {
        ExecutorService manager = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            TcpClientSink sink = sink(port, "write_timeout_ms", "500");
            FakeSinkContext context = new FakeSinkContext("out");
            sink.open(context);
            try (Socket hung = listener.accept()) {
                // Connected but never read: once the socket buffers are full, a write blocks.
                Future<?> batch = manager.submit(() -> {
                    for (int i = 0; i < 64; i++) {
                        sink.write(new FakeSinkEvent(List.of(new byte[1 << 20])));
                    }
                    sink.flush();
                    return null;
                });
                try {
                    batch.get(10, TimeUnit.SECONDS);
                    fail("64 MiB went to a server that reads nothing");
                } catch (ExecutionException e) {
                    String message = e.getCause().getMessage();
                    assertTrue(message, e.getCause() instanceof IOException);
                    assertTrue(message, message.contains("tcp_client out")
                            && message.contains("127.0.0.1:" + port) && message.contains("write_timeout_ms")
                            && message.contains("500 ms"));
                }
                // The connection was closed: the server sees it end, and the sink reported it lost.
                hung.setSoTimeout(5000);
                try {
                    InputStream in = hung.getInputStream();
                    byte[] discard = new byte[1 << 16];
                    while (in.read(discard) >= 0) {
                        // what the kernel had taken before the server stopped reading
                    }
                } catch (SocketTimeoutException e) {
                    fail("the connection stayed open");
                } catch (IOException reset) {
                    // ended too
                }
                Poll.until("the sink to report the lost connection", 5000, () -> !context.calls().isEmpty());
                assertTrue(context.calls().toString(), context.calls().get(0).contains("write_timeout_ms"));
                try {
                    sink.flush();
                    fail("a flush after the write timed out must fail");
                } catch (IOException e) {
                    assertTrue(e.getMessage(), e.getMessage().contains("write_timeout_ms"));
                }
            }
            sink.close();
            assertEquals(List.of(), Threads.alive("weir-tcp_client-"));
        } finally {
            manager.shutdownNow();
        }
    }

    @Test
    public void aServerThatReadsSlowlyButStillReadsIsNotTimedOut() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TcpClientSink sink = sink(listener.getLocalPort(), "write_timeout_ms", "1000");
            sink.open(new FakeSinkContext("out"));
            try (Socket slow = listener.accept()) {
                byte[] frame = new byte[16 << 20];
                // A reader at about 6 MB/s: 64 KiB every 10 ms. The 16 MiB frame takes well over the timeout, each
                // 64 KiB of it far less.
                InputStream in = slow.getInputStream();
                byte[] chunk = new byte[64 * 1024];
                ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
                try {
                    reader.scheduleAtFixedRate(() -> {
                        try {
                            in.read(chunk);
                        } catch (IOException e) {
                            // closed at the end of the test; a timeout fails on the sink's side
                        }
                    }, 0, 10, TimeUnit.MILLISECONDS);
                    sink.write(new FakeSinkEvent(List.of(frame)));
                    sink.flush();
                } finally {
                    reader.shutdownNow();
                }
            } finally {
                sink.close();
            }
        }
    }

    @Test
    public void anEventWithoutFramesIsFailedAlone() throws Exception {
        server = new TestServer(0);
        TcpClientSink sink = sink(server.port());
        sink.open(new FakeSinkContext("out"));
        FakeSinkEvent empty = new FakeSinkEvent(List.of());
        sink.write(empty);
        FakeSinkEvent fine = FakeSinkEvent.of("ok\n");
        sink.write(fine);
        sink.flush();
        assertTrue(empty.outcome(), empty.outcome().contains("codec"));
        assertNull(fine.outcome());
        assertEquals("ok\n", server.received(3));
        sink.close();
    }

    @Test
    public void badOptionsAreRejectedNamingTheOption() {
        assertRejected("port", Map.of());
        assertRejected("port", Map.of("port", "0"));
        assertRejected("connect_timeout_ms", Map.of("port", "9", "connect_timeout_ms", "0"));
        assertRejected("write_timeout_ms", Map.of("port", "9", "write_timeout_ms", "99"));
        assertRejected("tls.truststore", Map.of("port", "9", "tls.enabled", "true", "tls.truststore", "/no/such"));
    }

    private static void assertRejected(String option, Map<String, Object> config) {
        try {
            new TcpClientSink(Configs.of(TcpClientConfig.class, config));
            fail("accepted " + config);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("option " + option));
        }
    }

    /** A one-connection server on loopback that collects what it receives. */
    static final class TestServer {
        private final ServerSocket listener;
        private final LinkedBlockingQueue<Byte> bytes = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile Socket connection;

        TestServer(int port) throws IOException {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            thread = new Thread(this::serve, "test-server");
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            try {
                while (true) {
                    Socket socket = listener.accept();
                    connection = socket;
                    InputStream in = socket.getInputStream();
                    int b;
                    while ((b = in.read()) >= 0) {
                        bytes.add((byte) b);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        String received(int count) throws InterruptedException {
            byte[] data = new byte[count];
            for (int i = 0; i < count; i++) {
                Byte b = bytes.poll(5, TimeUnit.SECONDS);
                if (b == null) {
                    throw new AssertionError("received only " + new String(data, 0, i, StandardCharsets.UTF_8));
                }
                data[i] = b;
            }
            return new String(data, StandardCharsets.UTF_8);
        }

        void close() throws Exception {
            listener.close();
            Socket socket = connection;
            if (socket != null) {
                socket.close();
            }
            thread.join(5000);
        }
    }
}
