package io.weir.connector.http.internal.server;

import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted request, from its complete body to its reply. It holds one of the
 * {@code max_concurrent} slots until it is answered or abandoned; whichever comes first (the
 * verdict of a sink, the response timeout, a pause, the shutdown, the client hanging up) decides,
 * later ones are ignored. Thread-safe.
 */
final class ReceivedRequest {
    private final long id;
    private final Intake intake;
    private final ConnectionHandler connection;
    private final Map<String, Object> meta;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile byte[] body;
    private volatile int length;
    private volatile Future<?> timeout;

    ReceivedRequest(long id, Intake intake, ConnectionHandler connection, Map<String, Object> meta) {
        this.id = id;
        this.intake = intake;
        this.connection = connection;
        this.meta = meta;
    }

    /** @return the request's number: its stream id and position towards the runtime */
    long id() {
        return id;
    }

    Map<String, Object> meta() {
        return meta;
    }

    byte[] body() {
        return body;
    }

    int length() {
        return length;
    }

    /** The whole body arrived; {@code timeout} answers 504 unless a verdict comes first. */
    void received(byte[] body, int length, Future<?> timeout) {
        this.body = body;
        this.length = length;
        this.timeout = timeout;
    }

    /** The runtime has decoded the body: it need not stay in memory while the reply waits. */
    void dropBody() {
        body = null;
    }

    /** @return whether the request was answered or abandoned */
    boolean finished() {
        return finished.get();
    }

    /**
     * Answers the request unless it was answered already. Never blocks: the reply is written by the
     * connection's I/O thread.
     *
     * @param status  the HTTP status
     * @param message the text of the reply body
     * @return whether this call decided the reply
     */
    boolean answer(int status, String message) {
        if (!finish()) {
            return false;
        }
        connection.reply(this, status, message);
        return true;
    }

    /**
     * Gives the request up without a reply: the client hung up or the connection broke.
     *
     * @return whether this call finished it
     */
    boolean abandon() {
        return finish();
    }

    private boolean finish() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        Future<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        body = null;
        intake.finished(this);
        return true;
    }
}
