package io.weir.connector.tcp.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.weir.connector.tcp.internal.server.ServerFixture;
import io.weir.connector.tcp.internal.server.TcpServerSource;
import io.weir.connector.tcp.internal.testing.Certificates;
import io.weir.connector.tcp.internal.tls.TlsSettings;
import io.weir.connector.testkit.FakeSinkContext;
import io.weir.connector.testkit.FakeSinkEvent;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.Poll;
import io.weir.connector.testkit.Threads;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** tcp_client sink to tcp_server source over TLS, with certificates made by keytool at test time. */
public class TlsRoundTripTest {
    @ClassRule
    public static TemporaryFolder folder = new TemporaryFolder();
    private static Certificates certificates;
    private TcpServerSource server;
    private final FakeSourceContext serverContext = new FakeSourceContext("tls");

    @BeforeClass
    public static void certificates() throws Exception {
        certificates = Certificates.create(folder.getRoot());
    }

    @After
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private TcpServerSource server(String clientAuth) throws Exception {
        server = ServerFixture.open(Map.of("port", "0", "tls.enabled", "true",
                // The private spelling of the password: the leading dot keeps it out of the service properties.
                "tls.keystore", certificates.server.getPath(), ".tls.keystore_password", Certificates.PASSWORD,
                "tls.truststore", certificates.trust.getPath(), "tls.truststore_password", Certificates.PASSWORD,
                "tls.client_auth", clientAuth, "buffer_bytes", "512"), serverContext);
        return server;
    }

    private static TcpClientSink client(int port, boolean withCertificate) {
        return withCertificate
                ? TcpClientSinkTest.sink(port, "tls.enabled", "true", "tls.truststore", certificates.trust.getPath(),
                        "tls.truststore_password", Certificates.PASSWORD, "tls.keystore",
                        certificates.client.getPath(), "tls.keystore_password", Certificates.PASSWORD)
                : TcpClientSinkTest.sink(port, "tls.enabled", "true", "tls.truststore", certificates.trust.getPath(),
                        "tls.truststore_password", Certificates.PASSWORD);
    }

    @Test
    public void framesGoThroughTlsIntactAndAPlainClientIsTurnedAwayAndCounted() throws Exception {
        TcpServerSource source = server("none");
        int port = ServerFixture.address(source).getPort();
        assertEquals("tls://127.0.0.1:" + port, serverContext.endpoint());

        // A client that does not speak TLS gets nothing through, and the server goes on.
        try (Socket plain = new Socket(ServerFixture.address(source).getAddress(), port)) {
            plain.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
            plain.getInputStream().read();
        } catch (IOException expected) {
            // reset by the server
        }
        Poll.until("the plain client is reported", 5000, () -> serverContext.errors("tls") == 1);
        String reported = serverContext.errors().get(0).message();
        assertTrue(reported, reported.startsWith("TLS handshake with 127.0.0.1:") && reported.contains("failed: "));

        TcpClientSink sink = client(port, false);
        sink.open(new FakeSinkContext("out"));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            String line = "secret line " + i + " " + "x".repeat(i % 37) + "\n";
            expected.append(line);
            sink.write(FakeSinkEvent.of(line));
            if (i % 50 == 0) {
                sink.flush();
            }
        }
        sink.flush();
        sink.close();

        FakeSourceOutput out = new FakeSourceOutput();
        Poll.until("the connection to end", 10_000, () -> source.pull(out, 20), () -> !out.ended().isEmpty());
        long stream = out.ended().get(0);
        assertEquals(expected.toString(), out.text(stream));
        assertEquals("only the TLS client's stream ended with data", 1, out.ended().size());
        assertFalse(out.data().get(0).meta().containsKey("tls_peer"));
        assertEquals("a client that closes properly is no error", List.of("tls"), serverContext.errorKinds());
    }

    @Test
    public void aRequiredClientCertificateNamesThePeerAndItsAbsenceFailsTheHandshake() throws Exception {
        TcpServerSource source = server("need");
        int port = ServerFixture.address(source).getPort();
        TcpClientSink anonymous = client(port, false);
        try {
            anonymous.open(new FakeSinkContext("anonymous"));
            anonymous.write(FakeSinkEvent.of("let me in\n"));
            anonymous.flush();
            // TLS 1.3 may report the rejection only on the next read: the watcher sees it.
            FakeSinkContext context = new FakeSinkContext("anonymous");
            anonymous.close();
            anonymous.open(context);
            Poll.until("the rejection", 5000, () -> !context.calls().isEmpty());
        } catch (IOException expected) {
            // rejected during the handshake
        } finally {
            anonymous.close();
        }

        TcpClientSink sink = client(port, true);
        sink.open(new FakeSinkContext("out"));
        sink.write(FakeSinkEvent.of("hello\n"));
        sink.flush();
        FakeSourceOutput out = new FakeSourceOutput();
        Poll.until("hello", 10_000, () -> source.pull(out, 20), () -> out.text().contains("hello"));
        sink.close();
        List<FakeSourceOutput.Item> data = out.data();
        assertEquals("nothing from the client without a certificate", "hello\n", out.text());
        assertEquals("CN=client", data.get(0).meta().get("tls_peer"));
        Poll.until("the handshake without a certificate is counted", 5000,
                () -> serverContext.errors("tls") >= 1);
        assertEquals(List.of(), serverContext.errors().stream().filter(e -> !e.kind().equals("tls")).toList());
    }

    @Test
    public void aClientThatDoesNotTrustTheServerCannotOpen() throws Exception {
        TcpServerSource source = server("none");
        TcpClientSink untrusting = TcpClientSinkTest.sink(ServerFixture.address(source).getPort(), "tls.enabled",
                "true");
        try {
            untrusting.open(new FakeSinkContext("out"));
            fail("the JDK's default trust does not know the test certificate");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("cannot connect"));
        } finally {
            untrusting.close();
        }
    }

    @Test
    public void aTlsServerThatStopsReadingFailsTheBatchAfterTheWriteTimeout() throws Exception {
        TlsSettings settings = new TlsSettings("test", certificates.server.getPath(), Certificates.PASSWORD,
                certificates.trust.getPath(), Certificates.PASSWORD);
        try (SSLServerSocket listener = (SSLServerSocket) settings.context().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SSLSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    SSLSocket s = (SSLSocket) listener.accept();
                    s.startHandshake();
                    return s;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            TcpClientSink sink = TcpClientSinkTest.sink(listener.getLocalPort(), "tls.enabled", "true",
                    "tls.truststore", certificates.trust.getPath(), ".tls.truststore_password", Certificates.PASSWORD,
                    "write_timeout_ms", "500");
            sink.open(new FakeSinkContext("out"));
            try (SSLSocket hung = accepted.get(10, TimeUnit.SECONDS)) {
                // Handshaken, then never read: the writes below block once the socket buffers are full.
                CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < 64; i++) {
                            sink.write(new FakeSinkEvent(List.of(new byte[1 << 20])));
                        }
                        sink.flush();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    batch.get(10, TimeUnit.SECONDS);
                    fail("64 MiB went to a server that reads nothing");
                } catch (ExecutionException e) {
                    String message = e.getCause().getCause().getMessage();
                    assertTrue(message, message.contains("write_timeout_ms (500 ms)"));
                }
            }
            sink.close();
            assertEquals(List.of(), Threads.alive("weir-tcp_client-"));
        }
    }
}
