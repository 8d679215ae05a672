package io.weir.runtime.internal.shell;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves shell commands on a Unix domain socket that only the server's OS user can reach.
 *
 * <p>Protocol, one command per connection: the client sends one command line in UTF-8 ended by {@code \n}
 * (at most {@value #MAX_LINE_BYTES} bytes); the server writes what the command prints, then one NUL byte, then
 * the exit status in decimal ASCII ({@link CommandRunner#SUCCESS 0}, {@link CommandRunner#FAILED 1},
 * {@link CommandRunner#UNKNOWN_COMMAND 2}), and closes. NUL bytes in command output are dropped, so the
 * separator is unambiguous.
 *
 * <p>Bounded: one acceptor thread and a fixed pool of connection threads ({@code weir-shell-N}) with a short
 * queue; a client that sends no complete line within the request timeout is answered and dropped. Never TCP.
 */
public final class UnixShellServer implements AutoCloseable {

    /** Longest command line accepted, in bytes, without the ending newline. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(UnixShellServer.class);
    private static final long ACCEPT_RETRY_MILLIS = 100;
    /** How long, and how much, to read after the reply while waiting for the client to close. */
    private static final long DRAIN_MILLIS = 1000;
    private static final long DRAIN_MAX_BYTES = 1024 * 1024;

    private final Path socket;
    private final CommandRunner runner;
    private final ShellLimits limits;
    private final ServerSocketChannel server;
    private final Object fileKey;
    private final String owner;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    private UnixShellServer(Path socket, CommandRunner runner, ShellLimits limits, ServerSocketChannel server,
            Object fileKey, String owner) {
        this.socket = socket;
        this.runner = runner;
        this.limits = limits;
        this.server = server;
        this.fileKey = fileKey;
        this.owner = owner;
        AtomicInteger threadNumber = new AtomicInteger();
        BlockingQueue<Runnable> waiting = limits.queued() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.queued());
        this.pool = new ThreadPoolExecutor(limits.threads(), limits.threads(), 30, TimeUnit.SECONDS, waiting, r -> {
                    Thread thread = new Thread(r, "weir-shell-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // Idle connection threads end, so an unused shell holds no threads.
        this.pool.allowCoreThreadTimeOut(true);
        this.acceptor = new Thread(this::acceptLoop, "weir-shell-acceptor");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds the socket (removing a stale one first), restricts it to the owner and starts serving.
     *
     * @throws IOException with a message naming the path if it cannot listen there
     */
    public static UnixShellServer start(Path socket, CommandRunner runner, ShellLimits limits) throws IOException {
        SocketFile.prepare(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Object fileKey;
        String owner;
        boolean bound = false;
        try {
            server.bind(UnixDomainSocketAddress.of(socket), limits.threads() + limits.queued());
            bound = true;
            fileKey = SocketFile.restrict(socket);
            owner = Files.getOwner(socket).getName();
        } catch (IOException e) {
            server.close();
            if (bound) {
                // ours, but not usable: never leave a socket with the wrong permissions behind
                SocketFile.delete(socket, null);
            }
            int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
            throw new IOException("cannot listen on " + socket + ": " + e.getMessage()
                    + (length > 100 ? " (the path is " + length + " bytes; Unix sockets allow about 100)" : ""), e);
        }
        UnixShellServer shell = new UnixShellServer(socket, runner, limits, server, fileKey, owner);
        shell.acceptor.start();
        return shell;
    }

    /** The socket's path. */
    public Path socket() {
        return socket;
    }

    /** Connections waiting for a free connection thread. */
    int queuedConnections() {
        return pool.getQueue().size();
    }

    /**
     * Stops accepting, lets running commands finish within the stop timeout, interrupts and disconnects the
     * rest, waits for every thread to end, and deletes the socket file.
     */
    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Closing the shell socket {} failed: {}", socket, e.toString());
        }
        try {
            acceptor.join(limits.stopTimeout().toMillis() + 1);
            pool.shutdown();
            if (!pool.awaitTermination(limits.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Shell commands still running after {}; interrupting them", limits.stopTimeout());
                pool.shutdownNow();
                connections.forEach(UnixShellServer::closeQuietly);
                if (!pool.awaitTermination(limits.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.error("A shell command ignores interruption; its thread is left running");
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            connections.forEach(UnixShellServer::closeQuietly);
            Thread.currentThread().interrupt();
        }
        try {
            SocketFile.delete(socket, fileKey);
        } catch (IOException e) {
            LOG.warn("Could not delete the shell socket {}: {}", socket, e.toString());
        }
    }

    private void acceptLoop() {
        while (open) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Typically out of file descriptors: back off briefly instead of spinning.
                LOG.warn("Accepting a shell connection on {} failed: {}", socket, e.toString());
                try {
                    Thread.sleep(ACCEPT_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            connections.add(channel);
            try {
                pool.execute(() -> serve(channel));
            } catch (RejectedExecutionException e) {
                refuse(channel, "the shell is busy (" + limits.threads() + " commands running); try again\n");
            }
        }
    }

    private void refuse(SocketChannel channel, String message) {
        try (channel) {
            ConnectionOutput out = new ConnectionOutput(channel);
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.finish(CommandRunner.FAILED);
            endGracefully(channel);
        } catch (IOException e) {
            LOG.debug("Shell client went away before the busy answer: {}", e.toString());
        } finally {
            connections.remove(channel);
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            Optional<String> peer = PeerCredentials.user(channel);
            if (peer.isPresent() && !peer.get().equals(owner)) {
                LOG.warn("Refused a shell connection from OS user {}; only {} may use the shell", peer.get(), owner);
                ConnectionOutput out = new ConnectionOutput(channel);
                out.write(("only OS user " + owner + " may use this shell\n").getBytes(StandardCharsets.UTF_8));
                out.finish(CommandRunner.FAILED);
                endGracefully(channel);
                return;
            }
            Request request = readRequest(channel);
            ConnectionOutput out = new ConnectionOutput(channel);
            int status;
            if (request.error != null) {
                out.write((request.error + "\n").getBytes(StandardCharsets.UTF_8));
                status = CommandRunner.UNKNOWN_COMMAND;
            } else {
                status = run(request.line, out);
            }
            out.finish(status);
            endGracefully(channel);
        } catch (IOException e) {
            LOG.debug("Shell client went away: {}", e.toString());
        } finally {
            connections.remove(channel);
        }
    }

    /** Runs the command; a runner that throws is a bug, reported to the client rather than killing the thread. */
    private int run(String line, ConnectionOutput out) {
        try {
            return runner.run(line, out);
        } catch (RuntimeException | Error e) {
            LOG.error("Shell command '{}' failed unexpectedly", line, e);
            out.writeQuietly(("internal error: " + e + "\n").getBytes(StandardCharsets.UTF_8));
            return CommandRunner.FAILED;
        }
    }

    /** Reads up to the first newline within the request timeout; the channel is blocking again afterwards. */
    private Request readRequest(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE_BYTES + 1);
        long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
        int end = -1;
        boolean eof = false;
        boolean timedOut = false;
        channel.configureBlocking(false);
        try {
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_READ);
                while (end < 0 && !eof && buffer.hasRemaining()) {
                    long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (remaining <= 0) {
                        timedOut = true;
                        break;
                    }
                    selector.select(remaining);
                    selector.selectedKeys().clear();
                    int from = buffer.position();
                    if (channel.read(buffer) < 0) {
                        eof = true;
                    }
                    for (int i = from; i < buffer.position(); i++) {
                        if (buffer.get(i) == '\n') {
                            end = i;
                            break;
                        }
                    }
                }
            }
        } finally {
            // Closing the selector deregistered the channel, so it can block again for the reply.
            channel.configureBlocking(true);
        }
        if (timedOut) {
            Duration timeout = limits.requestTimeout();
            return Request.error("no command line received within "
                    + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        }
        if (end < 0) {
            if (!eof) {
                return Request.error("command line longer than " + MAX_LINE_BYTES + " bytes");
            }
            if (buffer.position() == 0) {
                return Request.error("no command line received");
            }
            end = buffer.position(); // a client that closes its side instead of sending the newline
        }
        if (end > MAX_LINE_BYTES) {
            return Request.error("command line longer than " + MAX_LINE_BYTES + " bytes");
        }
        buffer.flip().limit(end);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer);
            String line = chars.toString();
            return Request.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        } catch (CharacterCodingException e) {
            return Request.error("the command line is not valid UTF-8");
        }
    }

    /**
     * Signals the end of the reply, then reads and discards what the client still sends until it closes (bounded).
     * Closing a Unix socket with unread input resets the connection, and the client would lose the reply.
     */
    private static void endGracefully(SocketChannel channel) throws IOException {
        channel.shutdownOutput();
        channel.configureBlocking(false);
        ByteBuffer sink = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        long drained = 0;
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (drained < DRAIN_MAX_BYTES) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    return;
                }
                selector.select(remaining);
                selector.selectedKeys().clear();
                sink.clear();
                int read = channel.read(sink);
                if (read < 0) {
                    return;
                }
                drained += read;
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a shell connection failed: {}", e.toString());
        }
    }

    /** A command line, or why there is none. */
    private static final class Request {
        final String line;
        final String error;

        private Request(String line, String error) {
            this.line = line;
            this.error = error;
        }

        static Request line(String line) {
            return new Request(line, null);
        }

        static Request error(String error) {
            return new Request(null, error);
        }
    }

    /**
     * The connection's output as the command sees it: shared by its standard output and errors, unclosable (the
     * server writes the status after the command), and free of NUL bytes (the status separator).
     */
    static final class ConnectionOutput extends OutputStream {
        private final OutputStream out;

        ConnectionOutput(SocketChannel channel) {
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (b != 0) {
                out.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == 0) {
                    out.write(bytes, start, i - start);
                    start = i + 1;
                }
            }
            out.write(bytes, start, offset + length - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }

        /** Keeps the connection open: the server still has to write the status. */
        @Override
        public void close() throws IOException {
            flush();
        }

        synchronized void writeQuietly(byte[] bytes) {
            try {
                write(bytes, 0, bytes.length);
            } catch (IOException e) {
                LOG.debug("Shell client went away: {}", e.toString());
            }
        }

        /** Ends the reply: NUL, then the status in decimal. */
        synchronized void finish(int status) throws IOException {
            out.write(0);
            out.write(Integer.toString(status).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
