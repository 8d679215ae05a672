package io.weir.connector.tcp.internal.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.connector.support.internal.config.ConfigReader;
import io.weir.connector.tcp.internal.tls.TlsPassword;
import io.weir.connector.tcp.internal.tls.TlsSettings;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The tcp_client sink: one connection, opened in {@link #open}, written by the manager thread. A
 * watcher thread ({@code weir-tcp_client-<instance>-watch}) reads the connection, discarding what the
 * server sends, so that a server that closes the connection while nothing is being written is noticed
 * at once: it reports {@link SinkContext#connectionLost}, the following write or flush fails, and the
 * manager reconnects with backoff while the breaker is open. A timer thread
 * ({@code weir-tcp_client-<instance>-timer}) closes the connection when a write to it makes no progress for longer
 * than {@code write_timeout_ms} (the server stopped reading): blocking socket writes have no timeout of
 * their own, and closing the socket is what makes them throw, so the batch fails instead of the manager
 * thread hanging until the runtime abandons it.
 */
@Component(service = Sink.class, configurationPid = TcpClientSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + TcpClientSink.TYPE)
@Designate(ocd = TcpClientConfig.class, factory = true)
public final class TcpClientSink implements Sink {
    static final String TYPE = "tcp_client";
    static final String PID = "weir.sink." + TYPE;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final int writeTimeoutMillis;
    private final int bufferBytes;
    private final boolean noDelay;
    private final TlsSettings tls;
    private final boolean verifyHostname;
    private String name = TYPE;
    private Socket socket;
    private OutputStream out;
    private Thread watcher;
    private ScheduledThreadPoolExecutor timer;
    /** The timer's thread, joined at close. */
    private volatile Thread timerThread;
    private volatile String lost;
    private volatile boolean closing;
    private long closeTimeoutMillis = 5000;

    @Activate
    public TcpClientSink(TcpClientConfig config) {
        ConfigReader options = new ConfigReader("tcp_client");
        this.host = options.required("host", config::host);
        int p = options.read("port", config::port);
        if (p < 0) {
            throw options.invalid("port", "is required");
        }
        this.port = (int) options.range("port", () -> p, 1, 65535);
        this.connectTimeoutMillis = (int) options.range("connect_timeout_ms", config::connect__timeout__ms, 1,
                Integer.MAX_VALUE);
        this.writeTimeoutMillis = (int) options.range("write_timeout_ms", config::write__timeout__ms, 100,
                Integer.MAX_VALUE);
        this.bufferBytes = (int) options.range("buffer_bytes", config::buffer__bytes, 1, 64 << 20);
        this.noDelay = options.read("tcp_nodelay", config::tcp__nodelay);
        this.verifyHostname = options.read("tls.verify_hostname", config::tls_verify__hostname);
        if (options.read("tls.enabled", config::tls_enabled)) {
            TlsSettings settings = new TlsSettings("tcp_client", options.read("tls.keystore", config::tls_keystore),
                    TlsPassword.read(options, "tls.keystore_password", config::tls_keystore__password,
                            config::_tls_keystore__password),
                    options.read("tls.truststore", config::tls_truststore),
                    TlsPassword.read(options, "tls.truststore_password", config::tls_truststore__password,
                            config::_tls_truststore__password));
            settings.context();
            this.tls = settings;
        } else {
            this.tls = null;
        }
    }

    @Override
    public void open(SinkContext context) throws Exception {
        name = context.name();
        closeTimeoutMillis = context.closeTimeoutMillis();
        closing = false;
        lost = null;
        SSLContext ssl = tls == null ? null : tls.context();
        Socket plain = new Socket();
        Socket connected = plain;
        try {
            plain.setTcpNoDelay(noDelay);
            plain.setKeepAlive(true);
            plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (ssl != null) {
                SSLSocket secure = (SSLSocket) ssl.getSocketFactory().createSocket(plain, host, port, true);
                connected = secure;
                if (verifyHostname) {
                    SSLParameters parameters = secure.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    secure.setSSLParameters(parameters);
                }
                secure.setSoTimeout(connectTimeoutMillis);
                secure.startHandshake();
                secure.setSoTimeout(0);
            }
        } catch (IOException e) {
            connected.close();
            throw new IOException("tcp_client " + name + ": cannot connect to " + host + ":" + port + ": " + e, e);
        }
        socket = connected;
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "weir-tcp_client-" + name + "-timer");
            t.setDaemon(true);
            timerThread = t;
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        // Started now, so that close() can wait for the thread itself: a pool reports itself terminated a moment
        // before its thread has ended.
        timer.prestartCoreThread();
        out = new BufferedOutputStream(new TimedOutputStream(connected.getOutputStream(), plain, timer), bufferBytes);
        InputStream in = connected.getInputStream();
        watcher = new Thread(() -> watch(in, context), "weir-tcp_client-" + name + "-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Reads until the connection ends; what the server sends is not part of this sink's job. */
    private void watch(InputStream in, SinkContext context) {
        String reason;
        try {
            byte[] discard = new byte[4096];
            while (in.read(discard) >= 0) {
                // discard
            }
            reason = "the server closed the connection";
        } catch (IOException e) {
            reason = "the connection broke: " + e.getMessage();
        }
        if (!closing) {
            // A write timeout closed the connection: report the timeout, not the closed socket it caused.
            String expired = lost;
            lost = expired != null ? expired : reason;
            context.connectionLost(lost);
        }
    }

    @Override
    public void write(SinkEvent event) throws Exception {
        List<byte[]> frames = event.frames();
        if (frames.isEmpty()) {
            // Only this event is wrong, not the connection: fail it alone instead of opening the breaker.
            event.defer().fail("tcp_client " + name + ": the event has no frames; configure a codec for this sink");
            return;
        }
        checkConnected();
        for (byte[] frame : frames) {
            out.write(frame);
        }
    }

    @Override
    public void flush() throws Exception {
        checkConnected();
        out.flush();
        // A close noticed while the batch went out may have cost it: fail it rather than acknowledge it.
        checkConnected();
    }

    private void checkConnected() throws IOException {
        String reason = lost;
        if (reason != null) {
            throw new IOException("tcp_client " + name + ": " + reason);
        }
    }

    @Override
    public void close() throws Exception {
        closing = true;
        Socket closingSocket = socket;
        Thread watching = watcher;
        ScheduledThreadPoolExecutor timing = timer;
        Thread timingThread = timerThread;
        socket = null;
        out = null;
        watcher = null;
        timer = null;
        timerThread = null;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, closeTimeoutMillis - 100));
        if (timing != null) {
            timing.shutdownNow();
        }
        if (closingSocket != null) {
            // Unsent bytes are not flushed: the manager fails what was not acknowledged.
            closingSocket.close();
        }
        if (timing != null) {
            timing.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        if (timingThread != null) {
            timingThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (watching != null) {
            watching.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /**
     * The connection's output, each write armed with {@code write_timeout_ms}. Only writes reach the
     * socket here (the buffer in front gathers frames); flush is not timed: socket streams send in write.
     */
    private final class TimedOutputStream extends OutputStream {
        /** At most this much is written under one alarm. */
        private static final int SLICE_BYTES = 64 * 1024;
        private final OutputStream socketOut;
        /** The TCP socket, under TLS if any: closing an SSLSocket waits for the blocked write's lock. */
        private final Socket transport;
        private final ScheduledThreadPoolExecutor alarms;
        private volatile boolean expired;

        TimedOutputStream(OutputStream socketOut, Socket transport, ScheduledThreadPoolExecutor alarms) {
            this.socketOut = socketOut;
            this.transport = transport;
            this.alarms = alarms;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // In slices, each timed on its own: the timeout is about a server that stopped reading, not about how
            // long a large frame takes to a server that reads slowly.
            for (int at = off, end = off + len; at < end; at += SLICE_BYTES) {
                writeSlice(b, at, Math.min(SLICE_BYTES, end - at));
            }
        }

        private void writeSlice(byte[] b, int off, int len) throws IOException {
            if (expired) {
                throw timedOut(null);
            }
            ScheduledFuture<?> alarm = alarms.schedule(this::expire, writeTimeoutMillis, TimeUnit.MILLISECONDS);
            try {
                socketOut.write(b, off, len);
            } catch (IOException e) {
                throw expired ? timedOut(e) : e;
            } finally {
                alarm.cancel(false);
            }
            if (expired) {
                // The alarm went off as the write returned: the connection is closed all the same.
                throw timedOut(null);
            }
        }

        @Override
        public void flush() throws IOException {
            socketOut.flush();
        }

        private void expire() {
            expired = true;
            lost = message();
            try {
                transport.close();
            } catch (IOException e) {
                // closing is all that is wanted; the blocked write now throws
            }
        }

        private IOException timedOut(IOException cause) {
            return new IOException(message(), cause);
        }

        private String message() {
            return "tcp_client " + name + ": a write to " + host + ":" + port + " blocked longer than "
                    + "write_timeout_ms (" + writeTimeoutMillis + " ms), the server is not reading; "
                    + "the connection was closed";
        }
    }
}
