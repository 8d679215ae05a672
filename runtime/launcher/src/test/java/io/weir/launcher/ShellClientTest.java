package io.weir.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.weir.launcher.internal.ExitCodes;

public class ShellClientTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** Serves one connection: records the request line, then sends the given answer and closes. */
    private CompletableFuture<String> serveOnce(Path socket, byte[] answer) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel client = server.accept()) {
                InputStream in = Channels.newInputStream(client);
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.write(b);
                }
                client.write(ByteBuffer.wrap(answer));
                return line.toString(StandardCharsets.UTF_8) + (b == '\n' ? "\\n" : "<no newline>");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void sendsOneLineAndExitsWithTheCommandsStatus() throws Exception {
        Path data = temp.getRoot().toPath();
        CompletableFuture<String> request = serveOnce(data.resolve("weir.sock"),
                "bundle list\nsecond line\n\u00003".getBytes(StandardCharsets.UTF_8));
        int status = ShellClient.run(new String[] {"--data", data.toString(), "lb", "-s"}, out, err);
        assertEquals("lb -s\\n", request.get(10, TimeUnit.SECONDS));
        assertEquals(3, status);
        assertEquals("bundle list\nsecond line\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void socketOptionAndUtf8Command() throws Exception {
        Path socket = temp.getRoot().toPath().resolve("other.sock");
        CompletableFuture<String> request = serveOnce(socket, "\u00000".getBytes(StandardCharsets.UTF_8));
        int status = ShellClient.run(new String[] {"--socket", socket.toString(), "echo 'grüße'"}, out, err);
        assertEquals("echo 'grüße'\\n", request.get(10, TimeUnit.SECONDS));
        assertEquals(0, status);
    }

    @Test
    public void noSocketMeansNotRunning() {
        Path data = temp.getRoot().toPath();
        int status = ShellClient.run(new String[] {"--data", data.toString(), "lb"}, out, err);
        assertEquals(ExitCodes.NOT_RUNNING, status);
        assertEquals("Weir is not running (no shell socket at " + data.resolve("weir.sock") + ")\n",
                errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void staleSocketFileMeansNotRunning() throws Exception {
        Path data = temp.getRoot().toPath();
        Path socket = data.resolve("weir.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        server.close();
        assertTrue("the closed server should leave its socket file behind", Files.exists(socket));
        assertEquals(ExitCodes.NOT_RUNNING, ShellClient.run(new String[] {"--data", data.toString(), "lb"}, out, err));
    }

    @Test
    public void connectionLostBeforeTheStatusIsAFailure() throws Exception {
        Path data = temp.getRoot().toPath();
        CompletableFuture<String> request = serveOnce(data.resolve("weir.sock"), "half".getBytes(StandardCharsets.UTF_8));
        int status = ShellClient.run(new String[] {"--data", data.toString(), "shutdown"}, out, err);
        request.get(10, TimeUnit.SECONDS);
        assertEquals(ExitCodes.FAILED, status);
        assertEquals("half", out.toString(StandardCharsets.UTF_8));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("closed before the command finished"));
    }

    @Test
    public void commandIsRequiredAndSingleLine() {
        Path data = temp.getRoot().toPath();
        assertEquals(ExitCodes.USAGE, ShellClient.run(new String[] {"--data", data.toString()}, out, err));
        assertEquals(ExitCodes.USAGE, ShellClient.run(new String[] {"--data", data.toString(), "a\nb"}, out, err));
        assertEquals(ExitCodes.USAGE, ShellClient.run(new String[] {"--data", data.toString(), "  "}, out, err));
    }
}
