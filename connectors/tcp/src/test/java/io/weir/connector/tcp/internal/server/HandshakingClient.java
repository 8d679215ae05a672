package io.weir.connector.tcp.internal.server;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;

import io.weir.connector.tcp.internal.testing.Certificates;

/**
 * A TLS client driven by hand over a blocking socket with a small receive buffer: it sends its ClientHello, then
 * reads the server's first flight only when told to, so the server's sends can be held up.
 */
final class HandshakingClient implements Closeable {
    private final Socket socket = new Socket();
    private final SSLEngine engine;
    private final ByteBuffer network = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer plain;
    private final ByteBuffer scratch;
    private int received;

    /** @param context a client context trusting the server, from {@link #context} */
    HandshakingClient(SSLContext context, InetSocketAddress server) throws IOException {
        engine = context.createSSLEngine("localhost", server.getPort());
        engine.setUseClientMode(true);
        plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        scratch = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        socket.setReceiveBufferSize(2048);
        socket.connect(server);
        socket.setSoTimeout(10);
    }

    /** @return a client context trusting the certificate (alias {@code server}) in {@code keystore} */
    static SSLContext context(File keystore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance(keystore, Certificates.PASSWORD.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Sends the ClientHello followed by {@code extra} bytes, in one write. */
    void hello(byte... extra) throws IOException {
        engine.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() + extra.length);
        engine.wrap(ByteBuffer.allocate(0), hello);
        hello.put(extra);
        OutputStream out = socket.getOutputStream();
        out.write(hello.array(), 0, hello.position());
        out.flush();
    }

    /** Ends what this client sends: the server finds the end of the stream behind the ClientHello. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** @return the bytes the server sent that wait in this client's socket, unread */
    int waiting() {
        try {
            return socket.getInputStream().available();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what arrived within 10 ms and hands the engine every whole record of it. */
    void read() throws IOException {
        try {
            int n = socket.getInputStream().read(network.array(), network.position(), network.remaining());
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            network.position(network.position() + n);
            received += n;
        } catch (SocketTimeoutException e) {
            // Nothing more yet.
        }
        network.flip();
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                engine.getDelegatedTask().run();
            } else if (status == HandshakeStatus.NEED_WRAP) {
                // The client's own flight is never sent: only how much of the server's arrived matters here.
                engine.wrap(ByteBuffer.allocate(0), scratch.clear());
            } else if (status != HandshakeStatus.NEED_UNWRAP
                    || engine.unwrap(network, plain).getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
        network.compact();
    }

    /** @return the bytes read from the server so far */
    int received() {
        return received;
    }

    /** @return whether something was read and all of it was whole records, taken by the engine */
    boolean atRecordEnd() {
        return received > 0 && network.position() == 0;
    }

    /** @return whether the engine took the server's whole first flight: its side of the handshake is done */
    boolean hasServerFlight() {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
