package io.weir.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.Test;

public class RawHttpTest {

    @Test
    public void readsStatusHeadersAndALengthDelimitedBody() throws IOException {
        RawHttp.Reply reply = RawHttp.read(stream("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 5\r\n"
                + "Retry-After: 1\r\n\r\nlarge and more"));
        assertEquals(413, reply.status());
        assertEquals("1", reply.headers().get("retry-after"));
        assertEquals("large", reply.body());
    }

    @Test
    public void aBodyWithoutLengthRunsToTheEndAndNoReplyIsNull() throws IOException {
        assertEquals("all of it", RawHttp.read(stream("HTTP/1.0 200 OK\r\n\r\nall of it")).body());
        assertNull(RawHttp.read(stream("")));
    }

    @Test
    public void sendsTheRequestBytesAsGiven() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept()) {
                    String request = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return request;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RawHttp.Reply reply = RawHttp.exchange(server.getLocalPort(), RawHttp.request("POST", "/in", "{}"), true,
                    Duration.ofSeconds(10));
            assertEquals(204, reply.status());
            assertEquals("POST /in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}", received.get());
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
