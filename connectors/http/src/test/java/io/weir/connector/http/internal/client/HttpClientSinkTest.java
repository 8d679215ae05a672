package io.weir.connector.http.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSinkContext;
import io.weir.connector.testkit.FakeSinkEvent;
import io.weir.connector.testkit.Poll;
import io.weir.connector.testkit.Threads;

import org.junit.After;
import org.junit.Test;

/** The http_client sink against a real HTTP server on 127.0.0.1. */
public class HttpClientSinkTest {
    private static final long WAIT_MS = 5000;
    private static int instances;

    private final TestEndpoint endpoint;
    private HttpClientSink sink;
    private FakeSinkContext context;
    private String name;
    private RawEndpoint raw;

    public HttpClientSinkTest() throws Exception {
        endpoint = new TestEndpoint();
    }

    private HttpClientSink open(long closeTimeoutMs, Object... options) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("url", endpoint.url("/in"));
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        name = "c" + (++instances);
        sink = new HttpClientSink(Configs.of(HttpClientConfig.class, config), config);
        context = new FakeSinkContext(name).withCloseTimeoutMillis(closeTimeoutMs);
        sink.open(context);
        return sink;
    }

    @After
    public void closeAndCheckThreads() throws Exception {
        try {
            if (sink != null) {
                sink.close();
                assertEquals("threads left after close", List.of(), Threads.alive("weir-http_client-" + name + "-"));
            }
        } finally {
            endpoint.close();
            if (raw != null) {
                raw.close();
            }
        }
    }

    private static void awaitOutcome(FakeSinkEvent... events) throws InterruptedException {
        for (FakeSinkEvent e : events) {
            Poll.until("delivery completed", WAIT_MS, () -> e.outcome() != null);
        }
    }

    @Test
    public void acknowledgesOn2xxAndSendsTheFramesWithTheConfiguredHeaders() throws Exception {
        open(5000, "header.Content-Type", "application/json", "header.X-Tenant", "blue", "method", "put");
        FakeSinkEvent event = FakeSinkEvent.of("{\"a\":1}", "\n");
        sink.write(event);
        sink.flush();
        awaitOutcome(event);
        assertEquals("ack", event.outcome());
        assertEquals(1, event.completions().size());
        TestEndpoint.Received r = endpoint.received().get(0);
        assertEquals("PUT", r.method());
        assertEquals("/in", r.path());
        assertEquals("{\"a\":1}\n", r.body());
        assertEquals(List.of("application/json"), r.headers().get("Content-type"));
        assertEquals(List.of("blue"), r.headers().get("X-tenant"));
        assertEquals(List.of("8"), r.headers().get("Content-length"));
    }

    @Test
    public void failsOn500AfterTheRetries() throws Exception {
        endpoint.answer(n -> 500);
        open(5000, "retries", "2", "backoff_ms", "5");
        FakeSinkEvent event = FakeSinkEvent.of("x");
        sink.write(event);
        awaitOutcome(event);
        assertTrue(event.outcome(), event.outcome().startsWith("fail: HTTP 500 from " + endpoint.url("/in")));
        assertTrue(event.outcome(), event.outcome().contains("reply 500 to request 3"));
        assertTrue(event.outcome(), event.outcome().endsWith("(after 3 attempts)"));
        assertEquals(3, endpoint.received().size());
        assertEquals(1, event.completions().size());
    }

    @Test
    public void doesNotRetryOther4xx() throws Exception {
        endpoint.answer(n -> 400);
        open(5000, "retries", "3", "backoff_ms", "5");
        FakeSinkEvent event = FakeSinkEvent.of("x");
        sink.write(event);
        awaitOutcome(event);
        assertTrue(event.outcome(), event.outcome().startsWith("fail: HTTP 400"));
        assertEquals(1, endpoint.received().size());
    }

    @Test
    public void retries429And503ThenAcknowledges() throws Exception {
        endpoint.answer(n -> n == 1 ? 429 : n == 2 ? 503 : 204);
        open(5000, "retries", "3", "backoff_ms", "5");
        FakeSinkEvent event = FakeSinkEvent.of("x");
        sink.write(event);
        awaitOutcome(event);
        assertEquals("ack", event.outcome());
        assertEquals(3, endpoint.received().size());
    }

    @Test
    public void retriesWhenTheServerCannotBeReachedThenFails() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        open(5000, "url", "http://127.0.0.1:" + closedPort + "/x", "retries", "1", "backoff_ms", "5");
        FakeSinkEvent event = FakeSinkEvent.of("x");
        sink.write(event);
        awaitOutcome(event);
        assertTrue(event.outcome(), event.outcome().contains("ConnectException"));
        assertTrue(event.outcome(), event.outcome().endsWith("(after 2 attempts)"));
    }

    @Test
    public void failsWhenTheResponseTakesLongerThanTheTimeout() throws Exception {
        endpoint.hold();
        open(5000, "timeout_ms", "200", "retries", "0");
        FakeSinkEvent event = FakeSinkEvent.of("x");
        sink.write(event);
        awaitOutcome(event);
        assertTrue(event.outcome(), event.outcome().contains("HttpTimeoutException"));
        endpoint.release();
    }

    @Test
    public void breakerOpensAtMaxInFlightAndClosesAgain() throws Exception {
        endpoint.hold();
        open(5000, "max_in_flight", "2");
        List<FakeSinkEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeSinkEvent e = FakeSinkEvent.of("e" + i);
            events.add(e);
            sink.write(e);
            if (i == 0) {
                assertEquals("one request in flight: closed", List.of(), context.calls());
            }
        }
        assertEquals(1, context.calls().size());
        assertTrue(context.calls().get(0),
                context.calls().get(0).startsWith("unavailable: max_in_flight (2) requests in flight"));
        Poll.until("two requests at the server", WAIT_MS, () -> endpoint.inFlight() == 2);
        assertEquals("the third waits for a slot", 1, sink.sender().limiter().waiting());

        endpoint.release();
        awaitOutcome(events.toArray(new FakeSinkEvent[0]));
        for (FakeSinkEvent e : events) {
            assertEquals("ack", e.outcome());
        }
        assertEquals("never more than max_in_flight at once", 2, endpoint.maxInFlight());
        Poll.until("breaker closed", WAIT_MS, () -> context.calls().size() == 2);
        assertEquals("available", context.calls().get(1));
        // Acked at the headers; the slot comes back once the body has been read.
        Poll.until("every slot given back", WAIT_MS, () -> sink.sender().limiter().active() == 0);
    }

    @Test
    public void batchModeSendsOneRequestPerFlush() throws Exception {
        endpoint.answer(n -> n == 1 ? 200 : 422);
        open(5000, "batch", "true");
        FakeSinkEvent a = FakeSinkEvent.of("a\n");
        FakeSinkEvent b = FakeSinkEvent.of("b", "\n");
        FakeSinkEvent c = FakeSinkEvent.of("c\n");
        sink.write(a);
        sink.write(b);
        sink.write(c);
        assertEquals("nothing sent before the flush", 0, endpoint.received().size());
        sink.flush();
        awaitOutcome(a, b, c);
        assertEquals(List.of("ack", "ack", "ack"), List.of(a.outcome(), b.outcome(), c.outcome()));
        assertEquals(1, endpoint.received().size());
        assertEquals("a\nb\nc\n", endpoint.received().get(0).body());

        FakeSinkEvent d = FakeSinkEvent.of("d\n");
        FakeSinkEvent e = FakeSinkEvent.of("e\n");
        sink.write(d);
        sink.write(e);
        sink.flush();
        sink.flush();
        awaitOutcome(d, e);
        assertTrue(d.outcome(), d.outcome().startsWith("fail: HTTP 422"));
        assertEquals(d.outcome(), e.outcome());
        assertEquals("an empty flush sends nothing", 2, endpoint.received().size());
    }

    @Test
    public void closeFailsWhatIsInFlightAndEndsEveryThread() throws Exception {
        endpoint.hold();
        open(400, "batch", "true");
        assertTrue("the client's selector thread carries the instance's name",
                Threads.alive("weir-http_client-" + name + "-").contains("weir-http_client-" + name + "-selector"));
        FakeSinkEvent sent = FakeSinkEvent.of("sent\n");
        sink.write(sent);
        sink.flush();
        Poll.until("request at the server", WAIT_MS, () -> endpoint.inFlight() == 1);
        FakeSinkEvent unflushed = FakeSinkEvent.of("never flushed\n");
        sink.write(unflushed);

        long start = System.nanoTime();
        sink.close();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        sink = null;
        assertTrue("close took " + tookMs + " ms", tookMs < 2000);
        assertTrue(sent.outcome(), sent.outcome().startsWith("fail: the sink closed with the request in flight"));
        assertTrue(unflushed.outcome(), unflushed.outcome().startsWith("fail: the sink closed before the batch"));
        assertEquals(List.of(), Threads.alive("weir-http_client-" + name + "-"));
    }

    @Test
    public void closeLetsQuickRequestsFinish() throws Exception {
        open(5000);
        FakeSinkEvent event = FakeSinkEvent.of("x");
        sink.write(event);
        sink.close();
        sink.close();
        assertEquals("ack", event.outcome());
        assertEquals(List.of(), Threads.alive("weir-http_client-" + name + "-"));
        sink = null;
    }

    @Test
    public void anEventWithoutFramesIsRefused() throws Exception {
        open(5000);
        FakeSinkEvent event = FakeSinkEvent.of();
        try {
            sink.write(event);
            fail("accepted an event without frames");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("set a codec"));
        }
        assertNull("not deferred, so the manager fails it", event.outcome());
    }

    @Test
    public void manyEventsThroughASmallWindowAllArriveAndTheBreakerEndsClosed() throws Exception {
        endpoint.answer(n -> n % 7 == 0 ? 503 : 200);
        open(5000, "max_in_flight", "3", "retries", "5", "backoff_ms", "1");
        List<FakeSinkEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FakeSinkEvent e = FakeSinkEvent.of("e" + i);
            events.add(e);
            sink.write(e);
        }
        sink.flush();
        awaitOutcome(events.toArray(new FakeSinkEvent[0]));
        for (FakeSinkEvent e : events) {
            assertEquals("ack", e.outcome());
            assertEquals(1, e.completions().size());
        }
        assertTrue("at most max_in_flight at once, was " + endpoint.maxInFlight(), endpoint.maxInFlight() <= 3);
        Poll.until("breaker closed at the end", WAIT_MS, () -> {
            List<String> b = context.calls();
            return !b.isEmpty() && b.get(b.size() - 1).equals("available");
        });
        List<String> transitions = context.calls();
        for (int i = 0; i < transitions.size(); i++) {
            assertEquals("transitions alternate: " + transitions, i % 2 == 0,
                    transitions.get(i).startsWith("unavailable"));
        }
        // Acked at the headers; the slot comes back once the body has been read.
        Poll.until("every slot given back", WAIT_MS, () -> sink.sender().limiter().active() == 0);
        assertEquals(0, sink.sender().pending());
    }

    @Test
    public void aStalled2xxBodyAcksAtTheHeadersAndGivesTheSlotBackAtTheDeadline() throws Exception {
        raw = new RawEndpoint("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
        open(5000, "url", raw.url("/in"), "timeout_ms", "300", "retries", "0", "max_in_flight", "1");
        FakeSinkEvent first = FakeSinkEvent.of("x");
        sink.write(first);
        awaitOutcome(first);
        assertEquals("ack", first.outcome());
        Poll.until("slot given back", WAIT_MS, () -> sink.sender().limiter().active() == 0);
        Poll.until("stalled connection closed, not reused", WAIT_MS, () -> raw.closedByClient() == 1);
        FakeSinkEvent second = FakeSinkEvent.of("y");
        sink.write(second);
        awaitOutcome(second);
        assertEquals("ack", second.outcome());
        assertEquals("the second request on a new connection", 2, raw.connections());
    }

    @Test
    public void aStalledErrorBodyTimesOutAndIsRetried() throws Exception {
        raw = new RawEndpoint("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\nbusy");
        open(5000, "url", raw.url("/in"), "timeout_ms", "300", "retries", "1", "backoff_ms", "5",
                "max_in_flight", "1");
        FakeSinkEvent event = FakeSinkEvent.of("x");
        sink.write(event);
        awaitOutcome(event);
        assertTrue(event.outcome(), event.outcome().startsWith("fail: " + raw.url("/in") + ": HttpTimeoutException"));
        assertTrue(event.outcome(), event.outcome().contains("HTTP 503 response body not complete within 300 ms"));
        assertTrue(event.outcome(), event.outcome().endsWith("(after 2 attempts)"));
        assertEquals(2, raw.requests());
        Poll.until("slot given back", WAIT_MS, () -> sink.sender().limiter().active() == 0);
    }

    @Test
    public void a2xxBodyIsReadSoTheConnectionIsReused() throws Exception {
        raw = new RawEndpoint("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        open(5000, "url", raw.url("/in"));
        for (String v : List.of("a", "b", "c")) {
            FakeSinkEvent event = FakeSinkEvent.of(v);
            sink.write(event);
            awaitOutcome(event);
            assertEquals("ack", event.outcome());
            Poll.until("slot given back", WAIT_MS, () -> sink.sender().limiter().active() == 0);
        }
        assertEquals(3, raw.requests());
        assertEquals("one connection for all", 1, raw.connections());
    }
}
