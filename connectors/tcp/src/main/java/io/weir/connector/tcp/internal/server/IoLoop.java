package io.weir.connector.tcp.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The tcp_server's only I/O thread: one selector that accepts connections and reads all of them,
 * handing what it reads to the {@link Handoff}. It stops reading every connection while the
 * source is paused or the hand-off is full, and stops accepting while paused or at
 * {@code max_connections}; the kernel's buffers and the listen backlog then push back on the clients.
 * When accepting fails (out of file descriptors, say) it reports an {@value #ACCEPT_ERROR} error and
 * stops accepting for {@value #ACCEPT_BACKOFF_MILLIS} ms, keeping the connections it has.
 * <p>
 * Timeouts: a TLS connection whose handshake did not complete within {@code tls.handshake_timeout_ms} is
 * closed as a {@value #TLS_ERROR} error, and (when {@code idle_timeout_ms} is set) a connection that delivered
 * nothing for that long is closed like a client close. Both are measured on a clock that runs only while
 * reading is on, so a paused or stalled source closes nothing for what it did not read. Connections are
 * looked over every {@value #SWEEP_MILLIS} ms, or every half timeout when that is shorter.
 */
final class IoLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(IoLoop.class.getName());
    private static final long SELECT_MILLIS = 500;
    /** The kind of counted error a TLS failure is. */
    static final String TLS_ERROR = "tls";
    /** The kind of counted error a failed accept is. */
    static final String ACCEPT_ERROR = "accept";
    /**
     * How long accepting stops after it failed: the listener stays ready while the cause (no free
     * file descriptor) lasts, so accepting again at once would spin.
     */
    static final long ACCEPT_BACKOFF_MILLIS = 250;
    /** The longest between two looks for connections past a timeout. */
    static final long SWEEP_MILLIS = 1000;

    /** Takes the next pending connection off the listener: {@link ServerSocketChannel#accept}, or a test's. */
    @FunctionalInterface
    interface Acceptor {
        /**
         * @param server the bound, non-blocking listening channel
         * @return the new connection, or null when none is pending
         * @throws IOException when accepting failed
         */
        SocketChannel accept(ServerSocketChannel server) throws IOException;
    }

    private final String name;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final Acceptor acceptor;
    /** The address listened on, for messages. */
    private final String listening;
    private final Handoff handoff;
    private final SSLContext tls;
    private final String clientAuth;
    private final int maxConnections;
    private final AtomicLong streams;
    private final Consumer<String> broken;
    private final BiConsumer<String, String> errors;
    private final Set<Connection> connections = new LinkedHashSet<>();
    /**
     * TLS connections a read may get on with without new network input (bytes held, or a handshake step due after
     * its output went out): read at every turn, without waiting in select.
     */
    private final Set<Connection> buffered = new LinkedHashSet<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private boolean reading = true;
    private boolean accepting = true;
    private boolean limitWarned;
    /** While accepting backs off after a failure: when it may accept again ({@link System#nanoTime}). */
    private long acceptAgainAt;
    private boolean acceptBackingOff;
    /** Ends of streams closed while the hand-off had no room, handed over before anything else is read. */
    private final ArrayDeque<Long> pendingEnds = new ArrayDeque<>();
    /** tls.handshake_timeout_ms in nanoseconds, 0 without TLS. */
    private final long handshakeTimeoutNanos;
    /** idle_timeout_ms in nanoseconds, 0 when off. */
    private final long idleTimeoutNanos;
    /** Between looks for connections past a timeout; 0 when there is no timeout. */
    private final long sweepNanos;
    /**
     * Nanoseconds the loop spent with reading on: the clock of {@link Connection#lastActive}, so that time
     * spent paused or stalled (not reading) counts neither as idleness nor towards a handshake's timeout.
     */
    private long readingClock;
    /** {@link System#nanoTime} when {@link #readingClock} was last brought up to date. */
    private long ticked = System.nanoTime();
    /** {@link System#nanoTime} of the next look for connections past a timeout. */
    private long nextSweep;

    /**
     * @param name           the source instance, for messages
     * @param server         the bound, non-blocking listening channel
     * @param acceptor       takes connections off {@code server} ({@code ServerSocketChannel::accept})
     * @param handoff        where chunks go
     * @param tls            the TLS context, or null for plain TCP
     * @param clientAuth     none, want or need
     * @param maxConnections the most connections open at once
     * @param streams        the counter that numbers connections
     * @param broken         told when the loop dies of an unexpected error
     * @param errors         told of each counted error, by kind and message (the source context's {@code error})
     * @param handshakeTimeoutMillis the longest a TLS handshake may take, 0 for none
     * @param idleTimeoutMillis      the longest a connection may deliver nothing, 0 for no limit
     */
    IoLoop(String name, ServerSocketChannel server, Acceptor acceptor, Handoff handoff, SSLContext tls,
            String clientAuth, int maxConnections, AtomicLong streams, Consumer<String> broken,
            BiConsumer<String, String> errors, long handshakeTimeoutMillis, long idleTimeoutMillis)
            throws IOException {
        this.name = name;
        this.server = server;
        this.acceptor = acceptor;
        this.listening = TcpServerSource.hostAndPort((InetSocketAddress) server.getLocalAddress());
        this.handoff = handoff;
        this.tls = tls;
        this.clientAuth = clientAuth;
        this.maxConnections = maxConnections;
        this.streams = streams;
        this.broken = broken;
        this.errors = errors;
        this.handshakeTimeoutNanos = tls == null ? 0 : handshakeTimeoutMillis * 1_000_000L;
        this.idleTimeoutNanos = idleTimeoutMillis * 1_000_000L;
        long shortest = Math.min(handshakeTimeoutNanos == 0 ? Long.MAX_VALUE : handshakeTimeoutNanos,
                idleTimeoutNanos == 0 ? Long.MAX_VALUE : idleTimeoutNanos);
        // A look a second, or two per timeout when shorter: a connection is closed at most that much late.
        this.sweepNanos = shortest == Long.MAX_VALUE ? 0 : Math.min(SWEEP_MILLIS * 1_000_000L, shortest / 2);
        this.nextSweep = ticked + sweepNanos;
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        handoff.onRoom(selector::wakeup);
    }

    /** Stops reading and accepting (any thread). */
    void pause() {
        paused = true;
        selector.wakeup();
    }

    /** Reads and accepts again (any thread). */
    void resume() {
        paused = false;
        selector.wakeup();
    }

    /** Ends the loop (any thread); it closes every connection on its way out. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                handPendingEnds();
                boolean canRead = !paused && (handoff.hasRoom() || !handoff.stall());
                setReading(canRead);
                long backOffMillis = acceptBackOffLeftMillis();
                setAccepting(!paused && connections.size() < maxConnections && backOffMillis == 0);
                if (canRead && !buffered.isEmpty()) {
                    selector.selectNow();
                } else {
                    // Wake up when the back-off ends, to accept again.
                    selector.select(Math.min(backOffMillis == 0 ? SELECT_MILLIS : backOffMillis, sweepLeftMillis()));
                }
                tick();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                if (!paused && !buffered.isEmpty()) {
                    for (Connection connection : new ArrayList<>(buffered)) {
                        read(connection);
                    }
                }
                if (sweepNanos > 0 && ticked - nextSweep >= 0) {
                    nextSweep = ticked + sweepNanos;
                    sweep();
                }
            }
        } catch (ClosedSelectorException e) {
            // stop() raced with a forced close: nothing left to do.
        } catch (Throwable t) {
            if (running) {
                LOG.log(System.Logger.Level.ERROR, "tcp_server " + name + ": the I/O loop failed", t);
                broken.accept("I/O loop failed: " + t);
            }
        } finally {
            closeAll();
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Connection connection = (Connection) key.attachment();
        if (key.isWritable()) {
            try {
                connection.transport.flush();
            } catch (IOException e) {
                close(connection, e);
                return;
            }
            interest(connection);
            if (!connection.transport.wantsWrite()) {
                // Its output went out: the handshake's next step, or input held behind it, needs no network
                // event now; the pass over buffered connections reads it, later if the hand-off has no room.
                buffered.add(connection);
            }
        }
        if (key.isValid() && key.isReadable()) {
            read(connection);
        }
    }

    private void accept() throws IOException {
        while (connections.size() < maxConnections) {
            SocketChannel channel;
            try {
                channel = acceptor.accept(server);
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                // Most likely out of file descriptors (EMFILE, ENFILE): the connections open go on, and
                // new ones wait in the listen backlog until accepting is tried again.
                acceptBackingOff = true;
                acceptAgainAt = System.nanoTime() + ACCEPT_BACKOFF_MILLIS * 1_000_000L;
                errors.accept(ACCEPT_ERROR, "cannot accept connections on " + listening + ": " + e.getMessage()
                        + "; trying again in " + ACCEPT_BACKOFF_MILLIS + " ms, " + connections.size()
                        + " connections stay open");
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
                Transport transport;
                if (tls == null) {
                    transport = new PlainTransport(channel);
                } else {
                    SSLEngine engine = tls.createSSLEngine(peer.getHostString(), peer.getPort());
                    engine.setUseClientMode(false);
                    if (clientAuth.equals("need")) {
                        engine.setNeedClientAuth(true);
                    } else if (clientAuth.equals("want")) {
                        engine.setWantClientAuth(true);
                    }
                    transport = new TlsTransport(channel, engine);
                }
                Connection connection = new Connection(streams.getAndIncrement(), transport,
                        peer.getAddress().getHostAddress(), peer.getPort());
                connection.lastActive = readingClock;
                connection.handshaking = transport.handshaking();
                connection.key = channel.register(selector, reading ? SelectionKey.OP_READ : 0, connection);
                connections.add(connection);
            } catch (IOException | RuntimeException e) {
                // This connection only: the others and the listener go on.
                closeQuietly(channel);
                LOG.log(System.Logger.Level.DEBUG, "tcp_server {0}: could not set up a connection: {1}", name, e);
            }
        }
        if (connections.size() >= maxConnections && !limitWarned) {
            limitWarned = true;
            LOG.log(System.Logger.Level.WARNING, "tcp_server {0}: {1} connections open (max_connections); "
                    + "new ones wait in the listen backlog", name, maxConnections);
        }
    }

    private void read(Connection connection) {
        if (paused || !handoff.hasRoom()) {
            return;
        }
        byte[] buffer = handoff.buffer();
        int n;
        try {
            n = connection.transport.read(ByteBuffer.wrap(buffer));
        } catch (IOException e) {
            handoff.release(buffer);
            close(connection, e);
            return;
        }
        if (connection.handshaking && !connection.transport.handshaking()) {
            // Idleness counts from the end of the handshake.
            connection.handshaking = false;
            connection.lastActive = readingClock;
        }
        if (n > 0) {
            connection.lastActive = readingClock;
            connection.bytes += n;
            handoff.data(connection.stream, connection.bytes, buffer, n, connection.meta());
        } else {
            handoff.release(buffer);
        }
        if (n < 0) {
            close(connection, null);
            return;
        }
        if (connection.transport.hasBuffered()) {
            buffered.add(connection);
        } else {
            buffered.remove(connection);
        }
        interest(connection);
    }

    private void close(Connection connection, IOException error) {
        if (error instanceof SSLException) {
            // A failed handshake, bytes that are not TLS, or a stream cut off without close_notify.
            errors.accept(TLS_ERROR, (connection.started() ? "TLS connection " + connection.stream + " from "
                    : "TLS handshake with ") + connection.peer() + " failed: " + error.getMessage());
        } else if (error != null) {
            LOG.log(System.Logger.Level.DEBUG, "tcp_server {0}: connection {1} broke: {2}", name,
                    connection.stream, error);
        }
        connections.remove(connection);
        buffered.remove(connection);
        if (connections.size() < maxConnections / 2) {
            limitWarned = false;
        }
        connection.transport.close();
        if (connection.started()) {
            if (pendingEnds.isEmpty() && handoff.hasRoom()) {
                handoff.end(connection.stream);
            } else {
                // Closed where no room was checked first (a failed TLS flush): its end waits for room.
                pendingEnds.add(connection.stream);
            }
        }
    }

    /** Hands over the ends that waited for room, oldest first, as far as there is room. */
    private void handPendingEnds() {
        while (!pendingEnds.isEmpty() && handoff.hasRoom()) {
            handoff.end(pendingEnds.poll());
        }
    }

    /** Brings {@link #readingClock} up to now: it runs while reading is on. */
    private void tick() {
        long now = System.nanoTime();
        if (reading) {
            readingClock += now - ticked;
        }
        ticked = now;
    }

    /** @return the milliseconds (at least 1) until the next look for timed-out connections, or SELECT_MILLIS */
    private long sweepLeftMillis() {
        if (sweepNanos == 0) {
            return SELECT_MILLIS;
        }
        long left = nextSweep - System.nanoTime();
        return Math.max(1, Math.min(SELECT_MILLIS, (left + 999_999) / 1_000_000));
    }

    /**
     * Closes the TLS connections whose handshake took longer than its timeout (a {@value #TLS_ERROR} error)
     * and the connections idle longer than {@code idle_timeout_ms} (their stream ends as at a client close).
     * Nothing while reading is off: the clock is stopped then anyway. An ended stream's end waits for room in
     * {@link #close}.
     */
    private void sweep() {
        if (!reading) {
            return;
        }
        List<Connection> expired = null;
        for (Connection connection : connections) {
            long quiet = readingClock - connection.lastActive;
            if (connection.handshaking ? handshakeTimeoutNanos > 0 && quiet >= handshakeTimeoutNanos
                    : idleTimeoutNanos > 0 && quiet >= idleTimeoutNanos) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(connection);
            }
        }
        if (expired == null) {
            return;
        }
        for (Connection connection : expired) {
            if (connection.handshaking) {
                errors.accept(TLS_ERROR, "TLS handshake with " + connection.peer() + " timed out: not completed "
                        + "within tls.handshake_timeout_ms (" + handshakeTimeoutNanos / 1_000_000 + " ms), closed");
            } else {
                LOG.log(System.Logger.Level.DEBUG, "tcp_server {0}: closing connection {1} from {2}: nothing "
                        + "received for idle_timeout_ms ({3} ms)", name, connection.stream, connection.peer(),
                        idleTimeoutNanos / 1_000_000);
            }
            close(connection, null);
        }
    }

    private void setReading(boolean on) {
        if (on != reading) {
            reading = on;
            for (Connection connection : connections) {
                interest(connection);
            }
        }
    }

    /** @return the milliseconds (at least 1) until accepting may be tried again after a failure, or 0 */
    private long acceptBackOffLeftMillis() {
        if (!acceptBackingOff) {
            return 0;
        }
        long left = acceptAgainAt - System.nanoTime();
        if (left <= 0) {
            acceptBackingOff = false;
            return 0;
        }
        return Math.max(1, (left + 999_999) / 1_000_000);
    }

    private void setAccepting(boolean on) throws IOException {
        if (on != accepting) {
            accepting = on;
            server.keyFor(selector).interestOps(on ? SelectionKey.OP_ACCEPT : 0);
        }
    }

    private void interest(Connection connection) {
        SelectionKey key = connection.key;
        if (key == null || !key.isValid()) {
            return;
        }
        // While output waits for the socket a read cannot get past it: input (or the end of the stream) waiting
        // in the socket would make every select return at once.
        int ops = connection.transport.wantsWrite() ? SelectionKey.OP_WRITE : reading ? SelectionKey.OP_READ : 0;
        key.interestOps(ops);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Giving up on a connection that was never set up: nothing more to do with it.
        }
    }

    private void closeAll() {
        List<Connection> all = new ArrayList<>(connections);
        connections.clear();
        buffered.clear();
        for (Connection connection : all) {
            connection.transport.close();
        }
        try {
            server.close();
        } catch (IOException e) {
            // Closing the listener on the way out.
        }
        try {
            selector.close();
        } catch (IOException e) {
            // Closing the selector on the way out.
        }
    }
}
