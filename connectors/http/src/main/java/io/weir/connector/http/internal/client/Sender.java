package io.weir.connector.http.internal.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.weir.api.connector.Delivery;
import io.weir.api.connector.SinkContext;

/**
 * Sends requests asynchronously with the JDK's HttpClient and completes their deliveries: ack on
 * 2xx, as soon as its headers arrive; retry with exponential backoff after a connection error, a
 * timeout, a 5xx or a 429; fail otherwise or once the retries are spent. Requests beyond
 * {@code max_in_flight} wait for a slot ({@link InFlightLimiter}), held until the response body
 * ended or was cut at the attempt's deadline ({@code timeout_ms}). Everything after
 * {@link #submit} runs on the sink's own threads.
 */
final class Sender {
    /** Threads running HttpClient callbacks, completions and retry timers. */
    static final int THREADS = 2;

    private final HttpClientSettings settings;
    private final ClientThreads threads;
    private final ScheduledThreadPoolExecutor executor;
    private final HttpClient client;
    private final Breaker breaker;
    private final InFlightLimiter limiter;
    private final Set<Job> live = ConcurrentHashMap.newKeySet();
    private final Object liveChanged = new Object();
    private volatile boolean closing;

    private Sender(HttpClientSettings settings, ClientThreads threads, ScheduledThreadPoolExecutor executor,
            HttpClient client, SinkContext context) {
        this.settings = settings;
        this.threads = threads;
        this.executor = executor;
        this.client = client;
        this.breaker = new Breaker(context, "max_in_flight (" + settings.maxInFlight() + ") requests in flight to "
                + settings.url());
        this.limiter = new InFlightLimiter(settings.maxInFlight(), breaker);
    }

    /**
     * Starts the sender's threads and its HTTP client.
     *
     * @param settings     the options
     * @param context      the sink's context, for the circuit breaker
     * @param threadPrefix the start of every thread's name
     * @return the sender
     * @throws Exception when the client cannot be built (for example no TLS support)
     */
    static Sender start(HttpClientSettings settings, SinkContext context, String threadPrefix) throws Exception {
        ClientThreads threads = new ClientThreads(threadPrefix);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, threads);
        executor.setRemoveOnCancelPolicy(true);
        try {
            // Built on one of our threads so that the client's selector thread joins our group.
            HttpClient client = executor.submit(() -> HttpClient.newBuilder()
                    .executor(executor)
                    .connectTimeout(Duration.ofMillis(settings.timeoutMs()))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(settings.version())
                    .build()).get();
            threads.nameForeignThreads();
            return new Sender(settings, threads, executor, client, context);
        } catch (ExecutionException e) {
            executor.shutdownNow();
            threads.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /**
     * Sends one request for {@code deliveries}.
     *
     * @param deliveries what the request completes
     * @param frames     its body, one frame after the other
     */
    void submit(List<Delivery> deliveries, List<byte[]> frames) {
        Job job = new Job(deliveries, concat(frames));
        live.add(job);
        if (closing) {
            finish(job, false, "the sink is closing");
            return;
        }
        if (limiter.enter(job)) {
            job.holdsSlot = true;
            attempt(job);
        }
    }

    private void attempt(Job job) {
        if (closing) {
            finish(job, false, "the sink closed before the request was sent" + previous(job));
            return;
        }
        job.retry = null;
        job.attempts++;
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(Duration.ofMillis(settings.timeoutMs()))
                .method(settings.method(), HttpRequest.BodyPublishers.ofByteArray(job.body));
        settings.headers().forEach(request::header);
        // The request timeout ends at the response headers; this deadline bounds the body too.
        ResponseBody.Handler body = new ResponseBody.Handler(settings.timeoutMs());
        Future<?> deadline;
        try {
            deadline = executor.schedule(body::expire, settings.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finish(job, false, "the sink closed before the request was sent" + previous(job));
            return;
        }
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = client.sendAsync(request.build(), body);
        } catch (RuntimeException e) {
            deadline.cancel(false);
            done(job, null, e, body.ended());
            return;
        }
        job.inFlight = response;
        response.whenComplete((r, e) -> {
            CompletableFuture<Void> ended = body.ended();
            ended.whenComplete((v, x) -> deadline.cancel(false));
            done(job, r, e, ended);
        });
    }

    /** @param ended completes once the attempt's connection is free: its body ended or was cancelled */
    private void done(Job job, HttpResponse<String> response, Throwable error, CompletableFuture<Void> ended) {
        job.inFlight = null;
        if (job.done()) {
            return;
        }
        if (error == null && response.statusCode() / 100 == 2) {
            // Acked at the headers; the slot waits for the body so that at most max_in_flight
            // connections are ever busy, even when bodies stall.
            finish(job, true, null, ended);
            return;
        }
        boolean retryable;
        long retryAfterMs = -1;
        if (error != null) {
            Throwable cause = unwrap(error);
            retryable = cause instanceof IOException;
            job.lastFailure = settings.url() + ": " + describe(cause);
        } else {
            int status = response.statusCode();
            retryable = status >= 500 || status == 429;
            retryAfterMs = Backoff.retryAfterMs(response.headers().firstValue("Retry-After").orElse(null));
            String body = response.body() == null || response.body().isEmpty() ? "" : ": " + response.body();
            job.lastFailure = "HTTP " + status + " from " + settings.url() + body;
        }
        if (retryable && job.attempts <= settings.retries() && !closing) {
            long delay = Backoff.delayMs(settings.backoffMs(), settings.maxBackoffMs(), job.attempts, retryAfterMs);
            try {
                job.retry = executor.schedule(() -> attempt(job), delay, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException e) {
                // Closing: fall through and fail.
            }
        }
        finish(job, false, job.lastFailure + attemptsText(job));
    }

    private void finish(Job job, boolean ok, String reason) {
        finish(job, ok, reason, null);
    }

    /** @param slotFree when the job's slot may be given back; null for at once */
    private void finish(Job job, boolean ok, String reason, CompletableFuture<Void> slotFree) {
        if (!job.complete()) {
            return;
        }
        for (Delivery d : job.deliveries) {
            try {
                if (ok) {
                    d.ack();
                } else {
                    d.fail(reason);
                }
            } catch (RuntimeException e) {
                // The runtime's delivery failed; the slot must be freed all the same.
            }
        }
        live.remove(job);
        synchronized (liveChanged) {
            liveChanged.notifyAll();
        }
        if (job.holdsSlot) {
            if (slotFree == null) {
                giveSlotBack();
            } else {
                slotFree.whenComplete((v, e) -> giveSlotBack());
            }
        }
    }

    private void giveSlotBack() {
        Job next = limiter.exit();
        if (next != null) {
            next.holdsSlot = true;
            attempt(next);
        }
    }

    /**
     * Fails what has not been sent, lets requests in flight finish for up to half of the time
     * allowed, cancels and fails the rest, and ends every thread.
     *
     * @param timeoutMillis the time allowed
     * @return the names of threads still alive at the deadline; empty when all ended
     */
    List<String> close(long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        closing = true;
        breaker.silence();
        for (Job job : limiter.drainWaiting()) {
            finish(job, false, "the sink closed before the request was sent");
        }
        for (Job job : new ArrayList<>(live)) {
            Future<?> retry = job.retry;
            if (retry != null && retry.cancel(false)) {
                finish(job, false, "the sink closed while waiting to retry" + previous(job));
            }
        }
        long graceEnd = start + (deadline - start) / 2;
        synchronized (liveChanged) {
            while (!live.isEmpty() && graceEnd - System.nanoTime() > 0) {
                TimeUnit.NANOSECONDS.timedWait(liveChanged, graceEnd - System.nanoTime());
            }
        }
        for (Job job : new ArrayList<>(live)) {
            CompletableFuture<?> f = job.inFlight;
            // Fail first: cancelling completes the future at once, and its callback must not decide.
            finish(job, false, "the sink closed with the request in flight" + previous(job));
            if (f != null) {
                f.cancel(true);
            }
        }
        executor.shutdownNow();
        executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return threads.stop(deadline);
    }

    /** @return requests in flight and waiting (for tests) */
    int pending() {
        return live.size();
    }

    InFlightLimiter limiter() {
        return limiter;
    }

    Breaker breaker() {
        return breaker;
    }

    private static byte[] concat(List<byte[]> frames) {
        if (frames.size() == 1) {
            return frames.get(0);
        }
        int length = 0;
        for (byte[] f : frames) {
            length += f.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return all;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isEmpty() ? "" : " " + message);
    }

    private static String previous(Job job) {
        return job.lastFailure.isEmpty() ? "" : " (last attempt: " + job.lastFailure + ")";
    }

    private static String attemptsText(Job job) {
        return job.attempts == 1 ? "" : " (after " + job.attempts + " attempts)";
    }
}
