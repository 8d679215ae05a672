package io.weir.itests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP server on loopback standing in for the far side of a {@code tcp_client} sink: it accepts any number of
 * connections and keeps every line they send, in arrival order. {@link #close} takes it away (listener and every
 * connection), and a new one can be started on the same port, as a restarted server would be.
 */
public final class LineServer implements AutoCloseable {

    private static final long JOIN_MILLIS = 5000;

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<String> lines = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private int accepted;

    private LineServer(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "itests-line-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Listens on {@code port} of the loopback address.
     *
     * @param port the port; 0 for a free one
     */
    public static LineServer start(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return new LineServer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    /** The port listened on. */
    public int port() {
        return server.getLocalPort();
    }

    /** Every line received so far, in arrival order. */
    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** How many connections were accepted. */
    public synchronized int accepted() {
        return accepted;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread reader = new Thread(() -> read(socket), acceptor.getName() + "-connection");
            reader.setDaemon(true);
            synchronized (this) {
                accepted++;
                sockets.add(socket);
                readers.add(reader);
            }
            reader.start();
        }
    }

    private void read(Socket socket) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // closed by close(), or reset by the client: the connection is over either way
        }
    }

    /** Stops listening, closes every connection and waits for the server's threads to end. */
    @Override
    public void close() {
        List<Socket> open;
        List<Thread> threads;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        joinQuietly(acceptor);
        synchronized (this) {
            open = new ArrayList<>(sockets);
            threads = new ArrayList<>(readers);
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.forEach(LineServer::joinQuietly);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not end within " + JOIN_MILLIS + " ms");
        }
    }
}
