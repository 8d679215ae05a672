package io.weir.connector.http.internal.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body only as far as a failure message needs: nothing for 2xx, the first bytes
 * of any other, as one line of text. The rest is read and dropped so the connection can be reused.
 */
final class ErrorSnippet implements HttpResponse.BodySubscriber<String> {
    static final int MAX_BYTES = 256;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();

    /** @return the body handler: the snippet for non-2xx responses, an empty string for 2xx */
    static HttpResponse.BodyHandler<String> handler() {
        return info -> info.statusCode() / 100 == 2 ? HttpResponse.BodySubscribers.replacing("")
                : new ErrorSnippet();
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
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
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new String(kept.toByteArray(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim());
    }
}
