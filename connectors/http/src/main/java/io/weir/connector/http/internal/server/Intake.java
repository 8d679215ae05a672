package io.weir.connector.http.internal.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Where the I/O threads and the source meet: admission (the {@code max_concurrent} and
 * {@code max_connections} limits, pause), the hand-off of received requests to the manager thread,
 * and the requests handed to the runtime that wait for their verdict. Thread-safe.
 *
 * <p>Every admitted request holds a slot until it is answered, so the hand-off queue never holds
 * more than {@code max_concurrent} requests and memory stays below about
 * {@code max_concurrent * max_body_bytes}.
 */
final class Intake {
    /** What admission decided for a new request. */
    enum Admission {
        ADMITTED, PAUSED, BUSY, CLOSED
    }

    static final String PAUSED_MESSAGE = "paused: the flow behind this endpoint cannot take more now, retry later";
    static final String BUSY_MESSAGE = "too many requests in progress, retry later";
    static final String CLOSED_MESSAGE = "shutting down, retry later";

    private final HttpServerSettings settings;
    private final BiConsumer<String, String> errors;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final BlockingQueue<ReceivedRequest> received;
    private final ConcurrentHashMap<Long, ReceivedRequest> delivered = new ConcurrentHashMap<>();
    // Not accepting until the manager first pulls: sources start paused until every sink is ready.
    private volatile boolean accepting;
    private volatile boolean closed;

    /**
     * @param settings the options
     * @param errors   where requests turned away are reported, by kind and message (the source
     *                 context's {@code error}); any thread
     */
    Intake(HttpServerSettings settings, BiConsumer<String, String> errors) {
        this.settings = settings;
        this.errors = errors;
        this.received = new ArrayBlockingQueue<>(settings.maxConcurrent());
    }

    HttpServerSettings settings() {
        return settings;
    }

    /**
     * Reports a request or connection turned away (I/O threads).
     *
     * @param kind    one of {@link Rejections}
     * @param message what the client was told, and who it is
     */
    void rejected(String kind, String message) {
        errors.accept(kind, message);
    }

    /** @return whether a new connection may stay open ({@code max_connections}) */
    boolean connectionOpened() {
        if (connections.incrementAndGet() > settings.maxConnections()) {
            connections.decrementAndGet();
            return false;
        }
        return true;
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    /** @return the admission of a new request; {@code ADMITTED} takes a slot */
    Admission admit() {
        if (closed) {
            return Admission.CLOSED;
        }
        if (!accepting) {
            return Admission.PAUSED;
        }
        if (unanswered.incrementAndGet() > settings.maxConcurrent()) {
            unanswered.decrementAndGet();
            return Admission.BUSY;
        }
        return Admission.ADMITTED;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** A request's body is complete: it waits for the manager's next pull. */
    void received(ReceivedRequest request) {
        if (!received.offer(request)) {
            // Cannot happen while every queued request holds a slot; answer rather than lose it.
            request.answer(503, BUSY_MESSAGE);
        }
        if (!accepting) {
            // pause() or close() may have drained the queue just before this offer.
            rejectQueued(closed ? CLOSED_MESSAGE : PAUSED_MESSAGE);
        }
    }

    /**
     * @param timeoutMillis the longest to wait
     * @return the next received request still waiting for its reply, or null after the timeout
     * @throws InterruptedException when the manager thread is interrupted
     */
    ReceivedRequest next(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        while (true) {
            long left = deadline - System.nanoTime();
            ReceivedRequest r = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : received.poll();
            if (r == null || !r.finished()) {
                return r;
            }
        }
    }

    /** The request is about to go to the runtime: from now on its verdict comes through ack/fail. */
    void delivering(ReceivedRequest request) {
        delivered.put(request.id(), request);
        if (request.finished()) {
            delivered.remove(request.id());
        }
    }

    /**
     * The verdict for the events decoded from a request: the first one decides the reply.
     *
     * @param id the request's position
     * @param ok whether a sink acknowledged (true) or failed (false)
     */
    void verdict(long id, boolean ok) {
        ReceivedRequest r = delivered.get(id);
        if (r != null) {
            if (ok) {
                r.answer(settings.successStatus(), "delivered");
            } else {
                r.answer(settings.failureStatus(), "not delivered: a sink failed to take it");
            }
        }
    }

    /** Called once per request when it is answered or abandoned: frees its slot. */
    void finished(ReceivedRequest request) {
        unanswered.decrementAndGet();
        delivered.remove(request.id());
    }

    /** The manager pulls: the flow runs, requests are admitted. */
    void running() {
        if (!closed) {
            accepting = true;
        }
    }

    /** The flow paused: new requests get 503, and so do those not yet handed to the runtime. */
    void pause() {
        accepting = false;
        rejectQueued(PAUSED_MESSAGE);
    }

    /** Stops admitting and answers 503 to every request not answered yet. */
    void close() {
        closed = true;
        accepting = false;
        rejectQueued(CLOSED_MESSAGE);
        for (ReceivedRequest r : delivered.values()) {
            r.answer(503, CLOSED_MESSAGE);
        }
    }

    private void rejectQueued(String message) {
        ReceivedRequest r;
        while ((r = received.poll()) != null) {
            r.answer(503, message);
        }
    }

    /** @return whether new requests are admitted (running, not paused, not closed) */
    boolean accepting() {
        return accepting;
    }

    /** @return whether the source is closing: replies close their connections */
    boolean closed() {
        return closed;
    }

    /** @return requests admitted and not yet answered (for tests and diagnostics) */
    int unanswered() {
        return unanswered.get();
    }

    /** @return open connections (for tests and diagnostics) */
    int connections() {
        return connections.get();
    }
}
