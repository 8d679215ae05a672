package io.weir.connector.http.internal.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body only as far as a failure message needs: nothing for 2xx, the first bytes
 * of any other, as one line of text. The rest is read and dropped so the connection can be reused.
 * A 2xx response is complete at once (the outcome never waits for its body); any other when its
 * body ends. {@link #expire} bounds the body: the JDK's request timeout stops at the headers.
 */
final class ResponseBody implements HttpResponse.BodySubscriber<String> {
    static final int MAX_BYTES = 256;

    private final int status;
    private final boolean keep;
    private final long timeoutMs;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private Flow.Subscription subscription;
    /** Set once the body ended or expired; guarded by this. */
    private boolean over;
    private boolean expired;

    private ResponseBody(int status, long timeoutMs) {
        this.status = status;
        this.keep = status / 100 != 2;
        this.timeoutMs = timeoutMs;
        if (!keep) {
            result.complete("");
        }
    }

    /**
     * One attempt's body handler. Expiring it ends the body, whether it started before or after:
     * the deadline may fall just before the headers arrive.
     */
    static final class Handler implements HttpResponse.BodyHandler<String> {
        private final long timeoutMs;
        private volatile ResponseBody body;
        private volatile boolean expired;

        /** @param timeoutMs the attempt's deadline, for the failure message */
        Handler(long timeoutMs) {
            this.timeoutMs = timeoutMs;
        }

        @Override
        public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
            ResponseBody b = new ResponseBody(info.statusCode(), timeoutMs);
            body = b;
            if (expired) {
                b.expire();
            }
            return b;
        }

        /** The attempt's deadline: cancels a body still arriving (closing its connection). */
        void expire() {
            expired = true;
            ResponseBody b = body;
            if (b != null) {
                b.expire();
            }
        }

        /**
         * @return completes once the body ended or was cancelled, so the connection is free;
         *         complete when there is no body (call once the response future completed)
         */
        CompletableFuture<Void> ended() {
            ResponseBody b = body;
            return b == null ? CompletableFuture.completedFuture(null) : b.ended;
        }
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            subscription = s;
            cancel = expired;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (!keep) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = Math.min(b.remaining(), MAX_BYTES - kept.size());
            if (n > 0) {
                byte[] bytes = new byte[n];
                b.get(bytes);
                kept.write(bytes, 0, n);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        end();
        result.completeExceptionally(error);
        ended.complete(null);
    }

    @Override
    public void onComplete() {
        end();
        result.complete(new String(kept.toByteArray(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim());
        ended.complete(null);
    }

    private synchronized void end() {
        over = true;
    }

    private void expire() {
        Flow.Subscription s;
        synchronized (this) {
            if (over) {
                // Never cancel after the end: the connection may already serve another request.
                return;
            }
            over = true;
            expired = true;
            s = subscription;
        }
        if (s != null) {
            // The JDK closes the connection rather than reuse it with the body half read.
            s.cancel();
        }
        result.completeExceptionally(new HttpTimeoutException("HTTP " + status
                + " response body not complete within " + timeoutMs + " ms"));
        ended.complete(null);
    }
}
