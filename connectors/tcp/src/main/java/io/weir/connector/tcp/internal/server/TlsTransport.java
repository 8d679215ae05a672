package io.weir.connector.tcp.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A TLS connection driven by an {@link SSLEngine} on a non-blocking socket: the handshake runs inside
 * {@link #read} (its tasks on the I/O thread, they are short), decrypted bytes that did not fit the
 * caller's buffer wait in {@code plain} for the next read.
 */
final class TlsTransport implements Transport {
    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer network;
    private ByteBuffer plain;
    private final ByteBuffer outgoing;
    /** The last unwrap needed more network bytes and the socket had none. */
    private boolean starved;
    /** The engine reported the (first) handshake finished. */
    private boolean handshaken;

    TlsTransport(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.network = ByteBuffer.allocate(packet);
        this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.outgoing = ByteBuffer.allocate(packet);
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        if (plain.position() > 0) {
            return drain(into);
        }
        while (true) {
            if (!send()) {
                return 0;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK:
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    continue;
                case NEED_WRAP:
                    wrapHandshake();
                    continue;
                default:
                    break;
            }
            network.flip();
            SSLEngineResult result = engine.unwrap(network, plain);
            network.compact();
            finished(result);
            switch (result.getStatus()) {
                case OK:
                    if (plain.position() > 0) {
                        return drain(into);
                    }
                    if (result.bytesConsumed() == 0 && result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_TASK
                            && result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        int n = fill();
                        if (n <= 0) {
                            return n;
                        }
                    }
                    continue;
                case BUFFER_UNDERFLOW:
                    if (!network.hasRemaining()) {
                        network = enlarge(network, engine.getSession().getPacketBufferSize());
                    }
                    int n = fill();
                    if (n <= 0) {
                        return n;
                    }
                    continue;
                case BUFFER_OVERFLOW:
                    plain = enlarge(plain, engine.getSession().getApplicationBufferSize());
                    continue;
                case CLOSED:
                default:
                    return plain.position() > 0 ? drain(into) : -1;
            }
        }
    }

    /** Reads network bytes; at the end of the stream tells the engine, which rejects a truncated stream. */
    private int fill() throws IOException {
        int n = channel.read(network);
        if (n < 0) {
            engine.closeInbound();
            return -1;
        }
        starved = n == 0;
        return n;
    }

    private void wrapHandshake() throws IOException {
        SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), outgoing);
        finished(result);
        if (result.getStatus() == SSLEngineResult.Status.CLOSED && outgoing.position() == 0) {
            throw new SSLException("TLS engine closed during the handshake");
        }
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new SSLException("TLS handshake record larger than the packet buffer");
        }
    }

    private void finished(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            handshaken = true;
        }
    }

    @Override
    public boolean handshaking() {
        return !handshaken;
    }

    /** @return whether everything waiting to be sent was sent */
    private boolean send() throws IOException {
        if (outgoing.position() == 0) {
            return true;
        }
        outgoing.flip();
        channel.write(outgoing);
        outgoing.compact();
        return outgoing.position() == 0;
    }

    private int drain(ByteBuffer into) {
        plain.flip();
        int n = Math.min(plain.remaining(), into.remaining());
        ByteBuffer slice = plain.slice();
        slice.limit(n);
        into.put(slice);
        plain.position(plain.position() + n);
        plain.compact();
        return n;
    }

    private static ByteBuffer enlarge(ByteBuffer buffer, int size) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(size, buffer.capacity()) + buffer.position());
        buffer.flip();
        larger.put(buffer);
        return larger;
    }

    @Override
    public boolean hasBuffered() {
        // Network bytes wait behind unsent output (read() sends it first): they count once the socket took it,
        // else a client that does not read would keep the I/O loop polling this connection.
        return plain.position() > 0 || (outgoing.position() == 0 && network.position() > 0 && !starved);
    }

    @Override
    public boolean wantsWrite() {
        return outgoing.position() > 0;
    }

    @Override
    public void flush() throws IOException {
        send();
    }

    @Override
    public Map<String, Object> meta() {
        try {
            return Map.of("tls_peer", engine.getSession().getPeerPrincipal().getName());
        } catch (SSLPeerUnverifiedException e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The connection is gone either way.
        }
    }
}
