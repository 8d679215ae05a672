package io.weir.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class LineServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    public void keepsTheLinesOfEveryConnectionAndComesBackOnTheSamePort() throws IOException {
        int port;
        try (LineServer server = LineServer.start(0)) {
            port = server.port();
            send(port, "a\nb\n");
            send(port, "c\n");
            Await.until("three lines arrive", () -> server.lines().size() == 3, TIMEOUT);
            assertEquals(2, server.accepted());
            assertEquals(List.of("a", "b", "c"), server.lines().stream().sorted().toList());
        }
        assertThrows(ConnectException.class, () -> send(port, "lost\n"));

        try (LineServer again = LineServer.start(port)) {
            send(port, "d\n");
            Await.until("the line arrives", () -> again.lines().equals(List.of("d")), TIMEOUT);
        }
    }

    private static void send(int port, String text) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
