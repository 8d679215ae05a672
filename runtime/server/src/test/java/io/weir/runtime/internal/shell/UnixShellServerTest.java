package io.weir.runtime.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class UnixShellServerTest {

    private static final ShellLimits LIMITS = new ShellLimits(2, 2, Duration.ofSeconds(5), Duration.ofSeconds(2));

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path socket;
    private UnixShellServer server;

    @Before
    public void setUp() throws IOException {
        socket = folder.getRoot().toPath().resolve("run/shell.sock");
    }

    @After
    public void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    /** Echoes the line; "fail" gives status 1, "unknown" status 2. */
    private static int echo(String line, java.io.OutputStream out) {
        try {
            out.write(("ran " + line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return line.equals("fail") ? CommandRunner.FAILED : line.equals("unknown") ? CommandRunner.UNKNOWN_COMMAND : 0;
    }

    @Test
    public void repliesWithOutputNulAndStatus() throws IOException {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        byte[] raw = rawReply(socket, "weir:plugins -a\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("ran weir:plugins -a\n\u00000", new String(raw, StandardCharsets.UTF_8));
        assertEquals(new ShellClient.Reply("ran fail\n", 1), ShellClient.run(socket, "fail"));
        assertEquals(new ShellClient.Reply("ran unknown\n", 2), ShellClient.run(socket, "unknown"));
    }

    @Test
    public void acceptsCrLfAndUtf8() throws IOException {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        ShellClient.Reply reply = ShellClient.send(socket, "weir:diag café\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(new ShellClient.Reply("ran weir:diag café\n", 0), reply);
    }

    @Test
    public void acceptsALineEndedByClosingTheConnection() throws IOException {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("lsb".getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            assertEquals(new ShellClient.Reply("ran lsb\n", 0), ShellClient.readReply(channel));
        }
    }

    @Test
    public void dropsNulBytesFromCommandOutput() throws IOException {
        server = UnixShellServer.start(socket, (line, out) -> {
            try {
                out.write(new byte[] {'a', 0, 'b', 0});
                out.write(0);
                out.write('c');
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return 0;
        }, LIMITS);
        assertEquals("abc\u00000", new String(rawReply(socket, "x\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
    }

    @Test
    public void commandClosingItsOutputDoesNotLoseTheStatus() throws IOException {
        server = UnixShellServer.start(socket, (line, out) -> {
            try (out) {
                out.write("closed\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return 0;
        }, LIMITS);
        assertEquals(new ShellClient.Reply("closed\n", 0), ShellClient.run(socket, "x"));
    }

    @Test
    public void rejectsTooLongLineWithStatus2() throws IOException {
        AtomicInteger runs = new AtomicInteger();
        server = UnixShellServer.start(socket, (line, out) -> runs.incrementAndGet(), LIMITS);
        byte[] request = new byte[UnixShellServer.MAX_LINE_BYTES + 10];
        Arrays.fill(request, (byte) 'x');
        ShellClient.Reply reply = ShellClient.send(socket, request);
        assertEquals(2, reply.status());
        assertTrue(reply.output(), reply.output().contains("longer than 65536 bytes"));
        assertEquals(0, runs.get());
    }

    @Test
    public void acceptsALineOfExactlyTheLimit() throws IOException {
        server = UnixShellServer.start(socket, (line, out) -> line.length() == UnixShellServer.MAX_LINE_BYTES ? 0 : 1,
                LIMITS);
        byte[] request = new byte[UnixShellServer.MAX_LINE_BYTES + 1];
        Arrays.fill(request, (byte) 'x');
        request[request.length - 1] = '\n';
        assertEquals(0, ShellClient.send(socket, request).status());
    }

    @Test
    public void rejectsInvalidUtf8WithStatus2() throws IOException {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        ShellClient.Reply reply = ShellClient.send(socket, new byte[] {'a', (byte) 0xC3, (byte) 0x28, '\n'});
        assertEquals(new ShellClient.Reply("the command line is not valid UTF-8\n", 2), reply);
    }

    @Test
    public void answersAClientThatSendsNothingAfterTheRequestTimeout() throws IOException {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo,
                new ShellLimits(1, 1, Duration.ofMillis(300), Duration.ofSeconds(2)));
        try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(socket));
            long start = System.nanoTime();
            ShellClient.Reply reply = ShellClient.readReply(silent);
            assertEquals(new ShellClient.Reply("no command line received within 300 ms\n", 2), reply);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250));
        }
        // the only connection thread is free again
        assertEquals(0, ShellClient.run(socket, "after").status());
    }

    @Test
    public void runnerThatThrowsGivesStatus1AndTheServerGoesOn() throws IOException {
        server = UnixShellServer.start(socket, (line, out) -> {
            if (line.equals("boom")) {
                throw new StackOverflowError("deep");
            }
            return 0;
        }, LIMITS);
        ShellClient.Reply reply = ShellClient.run(socket, "boom");
        assertEquals(1, reply.status());
        assertTrue(reply.output(), reply.output().startsWith("internal error: java.lang.StackOverflowError: deep"));
        assertEquals(0, ShellClient.run(socket, "fine").status());
    }

    @Test
    public void socketIsOwnerOnlyAndItsNewParentFolderToo() throws IOException {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(socket.getParent()));
    }

    @Test
    public void acceptsTheOwnersOwnConnections() throws IOException {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            assertEquals(System.getProperty("user.name"), PeerCredentials.user(channel).orElseThrow());
        }
    }

    @Test
    public void replacesAStaleSocketLeftByADeadServer() throws IOException {
        Files.createDirectories(socket.getParent());
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close(); // closing does not remove the file: exactly what a killed server leaves
        assertTrue(Files.exists(socket));
        assertFalse(SocketFile.isLive(socket));

        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        assertEquals(new ShellClient.Reply("ran up\n", 0), ShellClient.run(socket, "up"));
    }

    @Test
    public void refusesASocketAnotherServerListensOn() throws IOException {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));
            try {
                UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
                fail("bound over a live socket");
            } catch (IOException e) {
                assertEquals("another server is already listening on " + socket, e.getMessage());
            }
            assertTrue(Files.exists(socket));
        }
    }

    @Test
    public void refusesToDeleteAFileThatIsNotASocket() throws IOException {
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "precious");
        try {
            UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
            fail("started over a regular file");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("exists and is not a socket"));
        }
        assertEquals("precious", Files.readString(socket));
    }

    @Test
    public void refusesARelativePath() {
        try {
            UnixShellServer.start(Path.of("data/shell.sock"), UnixShellServerTest::echo, LIMITS);
            fail("accepted a relative path");
        } catch (IOException e) {
            assertEquals("the shell socket path must be absolute, got data/shell.sock", e.getMessage());
        }
    }

    @Test
    public void tooLongPathIsExplained() throws IOException {
        Path deep = folder.getRoot().toPath().resolve("d".repeat(120)).resolve("shell.sock");
        try {
            UnixShellServer.start(deep, UnixShellServerTest::echo, LIMITS);
            fail("bound a path longer than sun_path");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("cannot listen on " + deep));
            assertTrue(e.getMessage(), e.getMessage().contains("Unix sockets allow about 100"));
        }
    }

    @Test
    public void runsCommandsConcurrentlyAndAnswersBusyBeyondTheQueue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        server = UnixShellServer.start(socket, (line, out) -> {
            if (line.equals("block")) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0;
        }, new ShellLimits(1, 1, Duration.ofSeconds(5), Duration.ofSeconds(2)));
        List<SocketChannel> clients = new ArrayList<>();
        try {
            clients.add(connectAndSend("block"));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            clients.add(connectAndSend("queued"));
            waitFor(() -> server.queuedConnections() == 1, "second connection queued");
            ShellClient.Reply busy = ShellClient.run(socket, "third");
            assertEquals(1, busy.status());
            assertTrue(busy.output(), busy.output().startsWith("the shell is busy"));
            release.countDown();
            assertEquals(0, ShellClient.readReply(clients.get(0)).status());
            assertEquals(0, ShellClient.readReply(clients.get(1)).status());
        } finally {
            release.countDown();
            for (SocketChannel client : clients) {
                client.close();
            }
        }
    }

    @Test
    public void closeDeletesTheSocketAndEndsEveryThread() throws Exception {
        server = UnixShellServer.start(socket, UnixShellServerTest::echo, LIMITS);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, ShellClient.run(socket, "warm " + i).status());
        }
        assertFalse(shellThreads().isEmpty());
        server.close();
        server = null;
        assertFalse(Files.exists(socket));
        waitFor(() -> shellThreads().isEmpty(), "every weir-shell thread ends");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            fail("still accepting after close");
        } catch (IOException expected) {
            // nothing listens any more
        }
    }

    @Test
    public void closeWaitsForARunningCommandToFinishItsReply() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = UnixShellServer.start(socket, (line, out) -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
                out.write("finished\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException | IOException e) {
                throw new AssertionError(e);
            }
            return 0;
        }, LIMITS);
        try (SocketChannel client = connectAndSend("slow")) {
            assertTrue(started.await(5, TimeUnit.SECONDS));
            Thread closer = new Thread(server::close, "test-closer");
            closer.start();
            waitFor(() -> closer.getState() == Thread.State.TIMED_WAITING, "close waits for the running command");
            release.countDown();
            assertEquals(new ShellClient.Reply("finished\n", 0), ShellClient.readReply(client));
            closer.join(5000);
            assertFalse(closer.isAlive());
            server = null;
        }
    }

    @Test
    public void closeInterruptsACommandThatOutlivesTheStopTimeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        server = UnixShellServer.start(socket, (line, out) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                return CommandRunner.FAILED;
            }
            return 0;
        }, new ShellLimits(1, 1, Duration.ofSeconds(5), Duration.ofMillis(200)));
        try (SocketChannel client = connectAndSend("hang")) {
            assertTrue(started.await(5, TimeUnit.SECONDS));
            server.close();
            server = null;
            waitFor(() -> shellThreads().isEmpty(), "the hung command's thread ends");
            assertFalse(Files.exists(socket));
        }
    }

    private SocketChannel connectAndSend(String line) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return channel;
    }

    private static byte[] rawReply(Path socket, byte[] request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request));
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (channel.read(buffer) >= 0) {
                all.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return all.toByteArray();
        }
    }

    static List<Thread> shellThreads() {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("weir-shell-") && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
