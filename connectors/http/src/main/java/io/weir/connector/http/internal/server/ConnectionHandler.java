package io.weir.connector.http.internal.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One connection, one request at a time. The channel does not read on its own (auto-read off, and a
 * FlowControlHandler before this handler hands over one message per read), so this handler asks for
 * the next message only when it can take it: while a request waits for its verdict nothing more is
 * read from that client, which keeps replies in order without queueing pipelined requests.
 *
 * <p>States: IDLE (waiting for a request head), RECEIVING (an admitted request's body),
 * DISCARDING (the body of a rejected request, read and dropped so the connection can stay open),
 * WAITING (the request is with the runtime), CLOSED. Every method but {@link #reply} runs on the
 * channel's I/O thread.
 *
 * <p>Two clocks bound a request while it arrives: {@code read_timeout_ms}, the longest silence
 * between two pieces of it, and {@code request_timeout_ms}, the longest it may take to arrive whole,
 * head and body, counted from its first byte ({@link #arrivals()} sees the bytes before the codec
 * does): a client that trickles a request never stalls, but cannot hold a slot for longer than that.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private enum State {
        IDLE, RECEIVING, DISCARDING, WAITING, CLOSED
    }

    private final HttpServerSettings settings;
    private final Intake intake;
    private final long readTimeoutNanos;
    private final long discardLimit;
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private boolean counted;
    private boolean wantMessage;
    private long lastActivity;
    private ScheduledFuture<?> readTimer;
    // Set from the first byte of a request until it has arrived whole (or the connection ends).
    private ScheduledFuture<?> requestTimer;
    private HttpVersion version = HttpVersion.HTTP_1_1;
    private boolean keepAlive;
    private ReceivedRequest current;
    private BodyBuffer body;
    private long discarded;
    private boolean closeAfterDiscard;

    ConnectionHandler(Intake intake) {
        this.intake = intake;
        this.settings = intake.settings();
        this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.readTimeoutMs());
        // A rejected body is read and dropped up to this size so that the client reads the reply
        // (closing on unread data resets the connection); beyond it the connection is closed.
        this.discardLimit = Math.max(settings.maxBodyBytes(), 1024 * 1024);
    }

    /**
     * @return a handler to place before the HTTP codec: it tells this one when bytes arrive, so that a
     *         request's deadline starts with its first byte, before its head is complete
     */
    ChannelHandler arrivals() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                // Blank lines before a request line are ignored by the codec (RFC 9112, 2.2): no request yet.
                if (state == State.IDLE && msg instanceof ByteBuf bytes
                        && bytes.forEachByte(b -> b == '\r' || b == '\n') >= 0) {
                    requestStarted();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!intake.connectionOpened()) {
            intake.rejected(Rejections.TOO_MANY_CONNECTIONS, "closed a connection from "
                    + peer(ctx.channel().remoteAddress()) + ": max_connections (" + settings.maxConnections()
                    + ") are open");
            state = State.CLOSED;
            ctx.close();
            return;
        }
        counted = true;
        touch();
        readNext();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            counted = false;
            intake.connectionClosed();
        }
        if (state == State.RECEIVING) {
            count(Rejections.TRUNCATED, 0, "connection ended inside a request body");
        }
        state = State.CLOSED;
        cancelReadTimer();
        requestEnded();
        if (current != null) {
            current.abandon();
            current = null;
        }
        body = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        wantMessage = false;
        try {
            if (state == State.CLOSED) {
                return;
            }
            touch();
            if (msg instanceof HttpRequest) {
                onHead((HttpRequest) msg);
            }
            if (msg instanceof HttpContent && state != State.CLOSED) {
                onContent((HttpContent) msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A read() is satisfied by either a message or the end of a socket read (Netty 4.2's read
     * semantics, which the FlowControlHandler follows): ask again while a message is still wanted.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (wantMessage && state != State.CLOSED && state != State.WAITING) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /** Asks for the next message (a request head or a piece of body). */
    private void readNext() {
        wantMessage = true;
        ctx.read();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Connection resets and the like: the connection is lost; channelInactive cleans up.
        state = State.CLOSED;
        ctx.close();
    }

    private void onHead(HttpRequest request) {
        if (state != State.IDLE) {
            fatal(Rejections.BAD_REQUEST, 400, "a new request began before the previous one ended");
            return;
        }
        // Already started when its first bytes arrived; a pipelined request read earlier starts now.
        requestStarted();
        version = request.protocolVersion();
        keepAlive = HttpUtil.isKeepAlive(request);
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                fatal(Rejections.OVERSIZE, 414, "request line longer than max_header_bytes ("
                        + settings.maxHeaderBytes() + ")");
            } else if (cause instanceof TooLongHttpHeaderException) {
                fatal(Rejections.OVERSIZE, 431, "headers larger than max_header_bytes ("
                        + settings.maxHeaderBytes() + ")");
            } else {
                fatal(Rejections.BAD_REQUEST, 400, "malformed request: " + cause.getMessage());
            }
            return;
        }
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        long length = HttpUtil.getContentLength(request, -1L);
        // With Expect: 100-continue the client waits before sending its body: a rejection closes the
        // connection instead of waiting for a body that may never come.
        boolean expectContinue = HttpUtil.is100ContinueExpected(request);
        boolean closeNow = expectContinue && (chunked || length > 0);
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !expectContinue) {
            rejectHead(Rejections.BAD_REQUEST, 417, "unsupported Expect header", keepAlive, closeNow, null);
            return;
        }
        RequestTarget target = RequestTarget.parse(request.uri());
        if (target == null) {
            rejectHead(Rejections.BAD_REQUEST, 400, "request target has no path", keepAlive, closeNow, null);
            return;
        }
        if (!settings.serves(target.path())) {
            rejectHead(Rejections.NOT_FOUND, 404, "no such path: this endpoint serves " + settings.path(), keepAlive,
                    closeNow, null);
            return;
        }
        String method = request.method().name();
        if (!settings.methods().contains(method)) {
            rejectHead(Rejections.METHOD_NOT_ALLOWED, 405, "method " + method + " not allowed", keepAlive, closeNow,
                    settings.methods());
            return;
        }
        if (!chunked && length < 0) {
            rejectHead(Rejections.BAD_REQUEST, 411, "length required: send Content-Length or Transfer-Encoding: chunked",
                    keepAlive, closeNow, null);
            return;
        }
        if (length > settings.maxBodyBytes()) {
            rejectHead(Rejections.OVERSIZE, 413, "body larger than max_body_bytes (" + settings.maxBodyBytes() + ")",
                    keepAlive, closeNow, null);
            return;
        }
        if (!chunked && length == 0) {
            rejectHead(Rejections.BAD_REQUEST, 400, "empty body: nothing to ingest", keepAlive, closeNow, null);
            return;
        }
        switch (intake.admit()) {
            case PAUSED:
                rejectHead(Rejections.PAUSED, 503, Intake.PAUSED_MESSAGE, keepAlive, closeNow, null);
                return;
            case BUSY:
                rejectHead(Rejections.BUSY, 503, Intake.BUSY_MESSAGE, keepAlive, closeNow, null);
                return;
            case CLOSED:
                rejectHead(null, 503, Intake.CLOSED_MESSAGE, false, closeNow, null);
                return;
            default:
                break;
        }
        current = new ReceivedRequest(intake.nextId(), intake, this, meta(request, target));
        body = new BodyBuffer(chunked ? 16 * 1024 : (int) length, settings.maxBodyBytes());
        state = State.RECEIVING;
        if (expectContinue) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(version, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        readNext();
    }

    private void onContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (content.decoderResult().isFailure()) {
            dropCurrent();
            fatal(Rejections.BAD_REQUEST, 400, "malformed body framing: "
                    + content.decoderResult().cause().getMessage());
            return;
        }
        switch (state) {
            case RECEIVING:
                if (!body.append(content.content())) {
                    dropCurrent();
                    discarded = 0;
                    reject(Rejections.OVERSIZE, 413, "body larger than max_body_bytes (" + settings.maxBodyBytes()
                            + ")", keepAlive, false, null);
                    discard(content, last);
                } else if (last) {
                    complete();
                } else {
                    readNext();
                }
                break;
            case DISCARDING:
                discard(content, last);
                break;
            default:
                // The codec sends nothing else; never ask for more while a request waits (WAITING).
                if (state == State.IDLE) {
                    readNext();
                }
                break;
        }
    }

    private void discard(HttpContent content, boolean last) {
        discarded += content.content().readableBytes();
        if (last) {
            if (closeAfterDiscard) {
                close();
            } else {
                state = State.IDLE;
                requestEnded();
                readNext();
            }
        } else if (discarded > discardLimit) {
            close();
        } else {
            readNext();
        }
    }

    private void complete() {
        ReceivedRequest request = current;
        if (body.length() == 0) {
            dropCurrent();
            reject(Rejections.BAD_REQUEST, 400, "empty body: nothing to ingest", keepAlive, false, null);
            discard(LastHttpContent.EMPTY_LAST_CONTENT, true);
            return;
        }
        state = State.WAITING;
        cancelReadTimer();
        requestEnded();
        request.received(body.array(), body.length(), ctx.executor().schedule(
                () -> timedOut(request), settings.responseTimeoutMs(), TimeUnit.MILLISECONDS));
        body = null;
        intake.received(request);
    }

    private void timedOut(ReceivedRequest request) {
        String message = "no verdict within response_timeout_ms (" + settings.responseTimeoutMs() + " ms)";
        if (request.answer(504, message)) {
            count(Rejections.RESPONSE_TIMEOUT, 504, message);
        }
    }

    /**
     * Writes the reply of an answered request. Called from any thread; never blocks.
     *
     * @param request the request answered
     * @param status  the status
     * @param message the reply text
     */
    void reply(ReceivedRequest request, int status, String message) {
        try {
            ctx.executor().execute(() -> replyNow(request, status, message));
        } catch (RejectedExecutionException e) {
            // The I/O threads are shutting down: the connection goes with them.
        }
    }

    private void replyNow(ReceivedRequest request, int status, String message) {
        if (request != current || state != State.WAITING) {
            return;
        }
        current = null;
        boolean keep = keepAlive && !intake.closed();
        ctx.writeAndFlush(Replies.reply(version, status, message, keep, settings.retryAfterSeconds(), null))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess() || !keep) {
                        close();
                    } else if (state == State.WAITING) {
                        state = State.IDLE;
                        touch();
                        readNext();
                    }
                });
    }

    /** Rejects a request at its head, then reads on to its body (unless the connection closes). */
    private void rejectHead(String kind, int status, String message, boolean keep, boolean closeNow,
            Set<String> allow) {
        reject(kind, status, message, keep, closeNow, allow);
        if (state == State.DISCARDING) {
            readNext();
        }
    }

    /**
     * Answers a request this handler will not take. Unless {@code closeNow}, its body is then read
     * and dropped before the connection is reused or closed: closing on unread data would reset the
     * connection, and the client might lose the reply.
     */
    private void reject(String kind, int status, String message, boolean keep, boolean closeNow, Set<String> allow) {
        count(kind, status, message);
        ChannelFuture written = ctx.writeAndFlush(Replies.reply(version, status, message, keep && !closeNow,
                settings.retryAfterSeconds(), allow));
        if (closeNow) {
            state = State.CLOSED;
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        written.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        state = State.DISCARDING;
        closeAfterDiscard = !keep;
        discarded = 0;
    }

    /** Answers a request that broke the protocol, then closes: the decoder cannot resync. */
    private void fatal(String kind, int status, String message) {
        count(kind, status, message);
        state = State.CLOSED;
        ctx.writeAndFlush(Replies.reply(version, status, message, false, -1, null))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Reports a request turned away as a counted error, naming the client.
     *
     * @param kind    one of {@link Rejections}; null: not counted
     * @param status  the status answered; 0 when no reply could be sent
     * @param message what the client was told
     */
    private void count(String kind, int status, String message) {
        if (kind != null) {
            String peer = peer(ctx.channel().remoteAddress());
            intake.rejected(kind, (status == 0 ? "from " + peer : status + " to " + peer) + ": " + message);
        }
    }

    private void dropCurrent() {
        if (current != null) {
            current.abandon();
            current = null;
        }
        body = null;
    }

    private void close() {
        state = State.CLOSED;
        ctx.close();
    }

    // One timer per connection, re-armed only when it fires: a read merely records the time.
    private void touch() {
        lastActivity = System.nanoTime();
        if (readTimer == null && state != State.CLOSED) {
            readTimer = ctx.executor().schedule(this::checkReadTimeout, readTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkReadTimeout() {
        readTimer = null;
        if (state == State.WAITING || state == State.CLOSED) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < readTimeoutNanos) {
            readTimer = ctx.executor().schedule(this::checkReadTimeout, readTimeoutNanos - idle, TimeUnit.NANOSECONDS);
            return;
        }
        if (state == State.RECEIVING) {
            dropCurrent();
            fatal(Rejections.READ_TIMEOUT, 408, "request not received within read_timeout_ms ("
                    + settings.readTimeoutMs() + " ms)");
        } else {
            close();
        }
    }

    private void cancelReadTimer() {
        if (readTimer != null) {
            readTimer.cancel(false);
            readTimer = null;
        }
    }

    /** A request begins (its first byte, or its head when read from earlier bytes): its deadline runs. */
    private void requestStarted() {
        if (requestTimer == null && state != State.CLOSED) {
            requestTimer = ctx.executor().schedule(this::checkRequestTimeout, settings.requestTimeoutMs(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The request arrived whole (or was answered and dropped, or the connection ended). */
    private void requestEnded() {
        if (requestTimer != null) {
            requestTimer.cancel(false);
            requestTimer = null;
        }
    }

    private void checkRequestTimeout() {
        requestTimer = null;
        String message = "request not received whole within request_timeout_ms (" + settings.requestTimeoutMs()
                + " ms)";
        switch (state) {
            case RECEIVING:
                // Frees its slot and its buffer; the close that follows finds nothing more to free.
                dropCurrent();
                fatal(Rejections.READ_TIMEOUT, 408, message);
                break;
            case IDLE:
                // Its head has begun but not ended.
                fatal(Rejections.READ_TIMEOUT, 408, message);
                break;
            case DISCARDING:
                // Already answered: nothing more to say.
                close();
                break;
            default:
                break;
        }
    }

    private Map<String, Object> meta(HttpRequest request, RequestTarget target) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            Object before = headers.get(name);
            // Repeated fields combine into one, comma-separated (RFC 9110 5.3).
            headers.put(name, before == null ? h.getValue() : before + ", " + h.getValue());
        }
        Map<String, Object> meta = new HashMap<>(8);
        meta.put("method", request.method().name());
        meta.put("path", target.path());
        meta.put("query", target.query());
        meta.put("headers", headers);
        meta.put("peer", peer(ctx.channel().remoteAddress()));
        return meta;
    }

    private static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress a = (InetSocketAddress) address;
            return a.getHostString() + ":" + a.getPort();
        }
        return String.valueOf(address);
    }
}
