package io.weir.connector.tcp.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.weir.connector.tcp.internal.testing.Certificates;
import io.weir.connector.tcp.internal.tls.TlsSettings;
import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.Poll;
import io.weir.connector.testkit.Threads;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The I/O thread sleeps in select while every connection waits on the network or on room: it must not spin on a
 * connection whose TLS handshake output the client does not take, nor on bytes it may not hand over yet.
 */
public class IoLoopIdleTest {
    /** The most CPU the I/O thread may use while it has nothing to do; a spinning one uses about 100%. */
    private static final double IDLE_PERCENT = 10;
    private static final long WINDOW_MILLIS = 500;
    /** Windows looked at before the thread counts as spinning. */
    private static final long WINDOWS = 4;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<TcpServerSource> opened = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<HandshakingClient> clients = new ArrayList<>();
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @After
    public void closeAll() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        for (HandshakingClient client : clients) {
            client.close();
        }
        for (TcpServerSource source : opened) {
            source.close();
        }
        assertEquals("no I/O thread outlives close", List.of(), Threads.alive("weir-tcp_server-"));
    }

    @Test
    public void aHandshakeWaitingForAClientThatDoesNotReadLeavesTheIoThreadAsleep() throws Exception {
        // The start of a further record, read with the ClientHello: bytes held behind the output not sent.
        assertHandshakeWaitsAsleep(client -> client.hello((byte) 0x16, (byte) 0x03, (byte) 0x03));
    }

    @Test
    public void aHandshakeWaitingForAClientThatDoesNotReadNorSendLeavesTheIoThreadAsleep() throws Exception {
        // The end of the stream waits in the socket, unread behind the output not sent: the socket stays readable.
        assertHandshakeWaitsAsleep(client -> {
            client.hello();
            client.shutdownOutput();
        });
    }

    private void assertHandshakeWaitsAsleep(Opening opening) throws Exception {
        File keystore = Certificates.largeServer(folder.getRoot(), 1000);
        TcpServerSource source = openWithLargeCertificate(keystore);
        HandshakingClient client = client(HandshakingClient.context(keystore), source);
        opening.send(client);
        Poll.until("the server's first handshake bytes", 10_000, () -> client.waiting() > 0);

        assertIdle();
        int waiting = client.waiting();

        // Once the client reads, the rest of the flight comes: the loop was waiting for the socket to take it.
        Poll.until("the server's whole first flight", 10_000, client::read, client::hasServerFlight);
        assertTrue("the flight (" + client.received() + " bytes) did not fit the sockets (" + waiting + " bytes)",
                client.received() > waiting);
    }

    @Test
    public void aHandshakeWhoseOutputWentOutWhileTheHandoffWasFullGoesOnOnceThereIsRoom() throws Exception {
        File keystore = Certificates.largeServer(folder.getRoot(), 1000);
        TcpServerSource source = openWithLargeCertificate(keystore, "buffers", "1", "buffer_bytes", "512");
        SSLContext context = HandshakingClient.context(keystore);
        SSLSocket filler = (SSLSocket) context.getSocketFactory()
                .createSocket(source.boundAddress().getAddress(), source.boundAddress().getPort());
        sockets.add(filler);
        filler.startHandshake();
        HandshakingClient client = client(context, source);
        client.hello();
        Poll.until("the server's first handshake bytes", 10_000, () -> client.waiting() > 0);
        // One chunk fills the hand-off: reading stops.
        filler.getOutputStream().write(new byte[512]);
        filler.getOutputStream().flush();
        Poll.until("the hand-off full", 10_000, () -> source.bufferedBytes() == 512);

        // The client takes what was pending; the server's next handshake step has to wait for room.
        Poll.until("the pending handshake output read", 10_000, client::read, client::atRecordEnd);
        assertFalse("the server sent its whole flight before the test could hold it up", client.hasServerFlight());
        FakeSourceOutput out = new FakeSourceOutput();
        source.pull(out, 0);
        assertEquals("the room freed", 0, source.bufferedBytes());
        assertEquals(512, out.data().get(0).data().length);

        Poll.until("the rest of the flight once there is room", 10_000, client::read, client::hasServerFlight);
    }

    @Test
    public void aTlsConnectionHoldingDecryptedBytesWhileTheHandoffIsFullLeavesTheIoThreadAsleep() throws Exception {
        Certificates certificates = Certificates.create(folder.getRoot());
        TcpServerSource source = open(null, "tls.enabled", "true", "tls.keystore", certificates.server.getPath(),
                ".tls.keystore_password", Certificates.PASSWORD, "buffers", "1", "buffer_bytes", "512");
        SSLSocket client = (SSLSocket) new TlsSettings("test", "", "", certificates.trust.getPath(),
                Certificates.PASSWORD).context().getSocketFactory()
                .createSocket(source.boundAddress().getAddress(), source.boundAddress().getPort());
        sockets.add(client);
        // One record of 8 KB: decrypted at once, handed over 512 bytes at a time, and the one buffer is not pulled.
        client.getOutputStream().write(new byte[8192]);
        client.getOutputStream().flush();
        Poll.until("the hand-off full", 10_000, () -> source.bufferedBytes() == 512);

        assertIdle();
    }

    @Test
    public void aPlainConnectionSendingWhileTheHandoffIsFullLeavesTheIoThreadAsleep() throws Exception {
        TcpServerSource source = open(null, "buffers", "1", "buffer_bytes", "512");
        Socket client = new Socket(source.boundAddress().getAddress(), source.boundAddress().getPort());
        sockets.add(client);
        client.getOutputStream().write(new byte[8192]);
        client.getOutputStream().flush();
        Poll.until("the hand-off full", 10_000, () -> source.bufferedBytes() == 512);

        assertIdle();
    }

    /** What a client sends before it stops reading. */
    @FunctionalInterface
    private interface Opening {
        void send(HandshakingClient client) throws IOException;
    }

    private TcpServerSource open(IoLoop.Acceptor acceptor, Object... options) throws Exception {
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
        source.open(new FakeSourceContext("idle"));
        return source;
    }

    /**
     * Polls the I/O thread's share of a core since the current window began. Passes once a window of
     * {@value #WINDOW_MILLIS} ms has passed with at most {@value #IDLE_PERCENT}%; a window above that starts another
     * (the work still under way), for at most {@value #WINDOWS} windows. A spinning thread stays near 100% in every one.
     */
    private static void assertIdle() throws InterruptedException {
        CpuWindows windows = new CpuWindows(ioThread());
        try {
            Poll.until("a window of " + WINDOW_MILLIS + " ms with the I/O thread at most " + IDLE_PERCENT + "% busy",
                    WINDOWS * WINDOW_MILLIS + WINDOW_MILLIS / 2, windows::idleWindowPassed);
        } catch (AssertionError e) {
            throw new AssertionError("the I/O thread busy-waits: % of a core per " + WINDOW_MILLIS + " ms: "
                    + windows.busyPercents, e);
        }
    }

    /** A thread's CPU time over consecutive windows of {@value #WINDOW_MILLIS} ms. */
    private static final class CpuWindows {
        final long thread;
        final List<Long> busyPercents = new ArrayList<>();
        long cpu;
        long start;

        CpuWindows(long thread) {
            this.thread = thread;
            cpu = THREADS.getThreadCpuTime(thread);
            start = System.nanoTime();
        }

        /** @return whether a window just ended with the thread at most {@value #IDLE_PERCENT}% busy */
        boolean idleWindowPassed() {
            long elapsed = System.nanoTime() - start;
            if (elapsed < TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS)) {
                return false;
            }
            long used = THREADS.getThreadCpuTime(thread);
            long percent = (used - cpu) * 100 / elapsed;
            if (percent <= IDLE_PERCENT) {
                return true;
            }
            busyPercents.add(percent);
            cpu = used;
            start = System.nanoTime();
            return false;
        }
    }

    private static long ioThread() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("weir-tcp_server-idle-io")) {
                return thread.getId();
            }
        }
        throw new AssertionError("no I/O thread");
    }

    private TcpServerSource openWithLargeCertificate(File keystore, Object... options) throws Exception {
        // The 20 KB certificate and a small send buffer: the server's first flight cannot all be sent at once.
        List<Object> all = new ArrayList<>(List.of("tls.enabled", "true", "tls.keystore", keystore.getPath(),
                ".tls.keystore_password", Certificates.PASSWORD));
        all.addAll(List.of(options));
        return open(server -> {
            SocketChannel channel = server.accept();
            if (channel != null) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            }
            return channel;
        }, all.toArray());
    }

    private HandshakingClient client(SSLContext context, TcpServerSource source) throws IOException {
        HandshakingClient client = new HandshakingClient(context, source.boundAddress());
        clients.add(client);
        return client;
    }
}
