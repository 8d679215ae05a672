package io.weir.connector.http.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.weir.connector.http.testing.RawHttp;
import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.Poll;
import io.weir.connector.testkit.Threads;

import org.junit.After;
import org.junit.Test;

/** The http_server source against real sockets on 127.0.0.1, driven like the runtime drives it. */
public class HttpServerSourceTest {
    private static final int READ_MS = 5000;
    private static int instances;

    private HttpServerSource source;
    private FakeSourceOutput output;
    private ManagerLoop manager;
    private String name;
    private FakeSourceContext context;
    private ScheduledExecutorService slowClients;

    private int open(Object... options) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("port", "0");
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        name = "t" + (++instances);
        source = new HttpServerSource(Configs.of(HttpServerConfig.class, config), config);
        context = new FakeSourceContext(name);
        source.open(context);
        output = FakeSourceOutput.bytesOnly();
        manager = new ManagerLoop(source, output);
        Poll.until("the first pull", READ_MS, () -> source.intake().accepting());
        return source.port();
    }

    @After
    public void closeAndCheckThreads() throws Exception {
        if (slowClients != null) {
            slowClients.shutdownNow();
            assertTrue("slow clients ended", slowClients.awaitTermination(READ_MS, TimeUnit.MILLISECONDS));
        }
        if (manager != null) {
            manager.close();
        }
        if (source != null) {
            source.close();
            assertEquals("threads left after close", List.of(), Threads.alive("weir-http_server-" + name + "-"));
        }
    }

    /**
     * A slow client: sends {@code text} one byte every 50 ms (never stalling long enough for a
     * read_timeout_ms of 300 ms or more), at a fixed rate on another thread, until all is sent or the
     * connection fails.
     *
     * @return the number of bytes sent
     */
    private Future<Integer> trickle(RawHttp client, String text) {
        if (slowClients == null) {
            slowClients = Executors.newScheduledThreadPool(2);
        }
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        ScheduledFuture<?> pace = slowClients.scheduleAtFixedRate(() -> {
            int i = next.get();
            if (i == bytes.length) {
                sent.complete(i);
                return;
            }
            try {
                client.send(new byte[] {bytes[i]});
                next.incrementAndGet();
            } catch (java.io.IOException e) {
                sent.complete(i);
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        sent.whenComplete((n, e) -> pace.cancel(false));
        return sent;
    }

    private void awaitData(int count) throws InterruptedException {
        Poll.until(count + " requests handed to the runtime", READ_MS, () -> output.data().size() >= count);
    }

    @Test
    public void answersSuccessOnlyAfterTheAck() throws Exception {
        int port = open("path", "/ingest");
        assertEquals("the port bound is reported", "http://127.0.0.1:" + port + "/ingest", context.endpoint());
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST /ingest/orders?tenant=a HTTP/1.1\r\nHost: test\r\nX-Trace: one\r\nX-Trace: two\r\n"
                    + "Content-Length: 11\r\n\r\n{\"n\": 1234}");
            awaitData(1);
            FakeSourceOutput.Item data = output.data().get(0);
            assertEquals("{\"n\": 1234}", data.text());
            assertEquals("each request is its own stream, id = position", data.stream(), data.position());
            assertEquals("POST", data.meta().get("method"));
            assertEquals("/ingest/orders", data.meta().get("path"));
            assertEquals("tenant=a", data.meta().get("query"));
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) data.meta().get("headers");
            assertEquals("one, two", headers.get("x-trace"));
            assertEquals("11", headers.get("content-length"));
            assertTrue(data.meta().get("peer").toString().startsWith("127.0.0.1:"));
            Poll.until("stream ended after its data", READ_MS,
                    () -> output.items().stream().anyMatch(c -> c.kind().equals("end") && c.stream() == data.stream()));
            assertEquals("no reply before a verdict", 0, client.available());

            source.ack(data.stream(), data.position());
            RawHttp.Response response = client.read();
            assertEquals(200, response.status);
            assertEquals("delivered", response.body.trim());
            assertEquals("a second ack changes nothing", 0, source.intake().unanswered());
            source.ack(data.stream(), data.position());

            client.send(RawHttp.post("/ingest", "second"));
            awaitData(2);
            FakeSourceOutput.Item second = output.data().get(1);
            assertNotEquals(data.stream(), second.stream());
            source.ack(second.stream(), second.position());
            assertEquals("the connection is kept alive", 200, client.read().status);
        }
        assertEquals("served requests are no errors", List.of(), context.errors());
    }

    @Test
    public void answersTheConfiguredStatusOnFail() throws Exception {
        int port = open("failure_status", "503", "success_status", "202");
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "bad"));
            awaitData(1);
            FakeSourceOutput.Item data = output.data().get(0);
            source.fail(data.stream(), data.position());
            source.ack(data.stream(), data.position());
            RawHttp.Response response = client.read();
            assertEquals("the first verdict decides", 503, response.status);

            client.send(RawHttp.post("/", "good"));
            awaitData(2);
            FakeSourceOutput.Item good = output.data().get(1);
            source.ack(good.stream(), good.position());
            assertEquals(202, client.read().status);
        }
    }

    @Test
    public void answers504WhenNoVerdictComesInTime() throws Exception {
        int port = open("response_timeout_ms", "200");
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "never acked"));
            RawHttp.Response response = client.read();
            assertEquals(504, response.status);
            assertTrue(response.body, response.body.contains("response_timeout_ms"));
            FakeSourceOutput.Item data = output.data().get(0);
            source.ack(data.stream(), data.position());
            assertEquals("the slot was freed by the timeout", 0, source.intake().unanswered());
        }
        assertEquals(List.of("response_timeout"), context.errorKinds());
    }

    @Test
    public void refusesAnOversizeBodyWith413AndKeepsTheConnection() throws Exception {
        int port = open("max_body_bytes", "16");
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "x".repeat(4096)));
            assertEquals(413, client.read().status);
            // Chunked: the limit is found while reading.
            client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n");
            assertEquals(413, client.read().status);
            client.send(RawHttp.post("/", "small"));
            awaitData(1);
            assertEquals("small", output.data().get(0).text());
        }
        assertEquals(List.of("oversize", "oversize"), context.errorKinds());
        String message = context.errors().get(0).message();
        assertTrue(message, message.matches("413 to 127\\.0\\.0\\.1:\\d+: body larger than max_body_bytes \\(16\\)"));
    }

    @Test
    public void acceptsAChunkedBody() throws Exception {
        int port = open();
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            awaitData(1);
            FakeSourceOutput.Item data = output.data().get(0);
            assertEquals("hello world", data.text());
            source.ack(data.stream(), data.position());
            assertEquals(200, client.read().status);
        }
    }

    @Test
    public void answers503WithRetryAfterBeyondMaxConcurrent() throws Exception {
        int port = open("max_concurrent", "2", "retry_after_seconds", "7");
        try (RawHttp a = new RawHttp(port, READ_MS); RawHttp b = new RawHttp(port, READ_MS);
                RawHttp c = new RawHttp(port, READ_MS)) {
            a.send(RawHttp.post("/", "a"));
            b.send(RawHttp.post("/", "b"));
            awaitData(2);
            c.send(RawHttp.post("/", "c"));
            RawHttp.Response busy = c.read();
            assertEquals(503, busy.status);
            assertEquals("7", busy.header("Retry-After"));

            FakeSourceOutput.Item first = output.data().get(0);
            source.ack(first.stream(), first.position());
            assertEquals(200, (first.text().equals("a") ? a : b).read().status);
            c.send(RawHttp.post("/", "c again"));
            awaitData(3);
            for (FakeSourceOutput.Item d : output.data().subList(1, 3)) {
                source.ack(d.stream(), d.position());
            }
            assertEquals(200, (first.text().equals("a") ? b : a).read().status);
            assertEquals(200, c.read().status);
        }
        assertEquals(List.of("busy"), context.errorKinds());
    }

    @Test
    public void answers503WhilePausedAndBeforeTheFirstPull() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("port", "0"));
        name = "t" + (++instances);
        source = new HttpServerSource(Configs.of(HttpServerConfig.class, config), config);
        context = new FakeSourceContext(name);
        source.open(context);
        output = FakeSourceOutput.bytesOnly();
        try (RawHttp client = new RawHttp(source.port(), READ_MS)) {
            client.send(RawHttp.post("/", "too early"));
            RawHttp.Response early = client.read();
            assertEquals("sources start paused", 503, early.status);
            assertEquals("1", early.header("Retry-After"));

            manager = new ManagerLoop(source, output);
            Poll.until("the first pull", READ_MS, () -> source.intake().accepting());
            client.send(RawHttp.post("/", "queued"));
            Poll.until("admitted", READ_MS, () -> source.intake().unanswered() == 1);
            manager.close();
            manager = null;
            source.pause();
            // Either it was pulled before the pause (then it waits for a verdict) or it is answered now.
            if (output.data().isEmpty()) {
                assertEquals(503, client.read().status);
            } else {
                FakeSourceOutput.Item d = output.data().get(0);
                source.ack(d.stream(), d.position());
                assertEquals(200, client.read().status);
            }
            client.send(RawHttp.post("/", "while paused"));
            RawHttp.Response paused = client.read();
            assertEquals(503, paused.status);
            assertTrue(paused.body, paused.body.startsWith("paused"));

            source.resume();
            int before = output.data().size();
            manager = new ManagerLoop(source, output);
            client.send(RawHttp.post("/", "after resume"));
            awaitData(before + 1);
            FakeSourceOutput.Item d = output.data().get(before);
            assertEquals("after resume", d.text());
            source.ack(d.stream(), d.position());
            assertEquals(200, client.read().status);
        }
        assertTrue(context.errors().toString(), context.errors("paused") >= 2);
        assertEquals(context.errors().size(), context.errors("paused"));
    }

    @Test
    public void answersClear4xxForBadRequestsAndKeepsServing() throws Exception {
        int port = open("path", "/in", "methods", "post, PATCH");
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            assertEquals(404, client.send(RawHttp.post("/other", "x")).read().status);
            assertEquals("segment-wise prefix", 404, client.send(RawHttp.post("/inside", "x")).read().status);
            RawHttp.Response wrongMethod = client.send("PUT /in HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx")
                    .read();
            assertEquals(405, wrongMethod.status);
            assertEquals("PATCH, POST", wrongMethod.header("Allow"));
            assertEquals(405, client.send("GET /in HTTP/1.1\r\nHost: t\r\n\r\n").read().status);
            assertEquals(411, client.send("POST /in HTTP/1.1\r\nHost: t\r\n\r\n").read().status);
            assertEquals(400, client.send("POST /in HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n").read().status);
            assertEquals(417, client.send("POST /in HTTP/1.1\r\nHost: t\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx")
                    .read().status);
            client.send(RawHttp.post("/in", "fine"));
            awaitData(1);
            assertEquals("no rejected request reached the runtime", 1, output.data().size());
            assertEquals(0, client.available());
        }
        assertEquals(List.of("not_found", "not_found", "method_not_allowed", "method_not_allowed", "bad_request",
                "bad_request", "bad_request"), context.errorKinds());
    }

    @Test
    public void garbageOnTheSocketGets400AndTheServerLivesOn() throws Exception {
        int port = open();
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            RawHttp.Response response = client.send("\u0001\u0002 this is not http at all\r\n\r\n").read();
            assertEquals(400, response.status);
            assertTrue("closed after a protocol error", client.closedByServer());
        }
        byte[] noise = new byte[4096];
        new java.util.Random(42).nextBytes(noise);
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(noise);
            assertTrue(client.closedByServer());
        }
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 12\r\n\r\n"
                    + "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: nope\r\n\r\n");
            awaitData(1);
            FakeSourceOutput.Item d = output.data().get(0);
            source.ack(d.stream(), d.position());
            assertEquals(200, client.read().status);
            assertEquals("bad Content-Length", 400, client.read().status);
        }
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n");
            assertEquals("bad chunk size", 400, client.read().status);
        }
        assertEquals("one counted error per connection: " + context.errors(), 4, context.errors().size());
        List<String> kinds = context.errorKinds();
        assertEquals("the noise may be a bad request or too long a line: " + kinds,
                List.of("bad_request", "bad_request", "bad_request"), List.of(kinds.get(0), kinds.get(2), kinds.get(3)));
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "still serving"));
            awaitData(2);
            FakeSourceOutput.Item d = output.data().get(1);
            assertEquals("still serving", d.text());
            source.ack(d.stream(), d.position());
            assertEquals(200, client.read().status);
        }
        assertEquals(0, source.intake().unanswered());
    }

    @Test
    public void refusesOversizeHeadersAndLines() throws Exception {
        int port = open("max_header_bytes", "512");
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST /" + "a".repeat(1000) + " HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx");
            assertEquals(414, client.read().status);
        }
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST / HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(1000) + "\r\nContent-Length: 1\r\n\r\nx");
            assertEquals(431, client.read().status);
        }
        assertEquals(List.of("oversize", "oversize"), context.errorKinds());
    }

    @Test
    public void answers408WhenTheBodyStallsAndClosesIdleConnections() throws Exception {
        int port = open("read_timeout_ms", "150");
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly a part");
            assertEquals(408, client.read().status);
            assertTrue(client.closedByServer());
        }
        try (RawHttp idle = new RawHttp(port, READ_MS)) {
            assertTrue("an idle connection is closed", idle.closedByServer());
        }
        Poll.until("connections counted down", READ_MS, () -> source.intake().connections() == 0);
        assertEquals(0, source.intake().unanswered());
        assertEquals("an idle connection closed is no error", List.of("read_timeout"), context.errorKinds());
    }

    @Test
    public void aBodyTrickledPastRequestTimeoutGets408AndFreesItsSlot() throws Exception {
        int port = open("request_timeout_ms", "1000", "read_timeout_ms", "300", "max_concurrent", "2");
        try (RawHttp slow = new RawHttp(port, READ_MS)) {
            slow.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");
            // 100 bytes at one per 50 ms: 5 s, never silent for read_timeout_ms.
            Future<Integer> sent = trickle(slow, "x".repeat(100));
            Poll.until("the slow request admitted", READ_MS, () -> source.intake().unanswered() == 1);
            try (RawHttp normal = new RawHttp(port, READ_MS)) {
                normal.send(RawHttp.post("/", "meanwhile"));
                awaitData(1);
                assertEquals("served while the slow request holds its slot", 2, source.intake().unanswered());
                FakeSourceOutput.Item d = output.data().get(0);
                source.ack(d.stream(), d.position());
                assertEquals(200, normal.read().status);
            }
            RawHttp.Response response = slow.read();
            assertEquals(408, response.status);
            assertEquals("request not received whole within request_timeout_ms (1000 ms)", response.body.trim());
            assertTrue("closed after the 408", slow.closedByServer());
            assertTrue("the body never arrived whole", sent.get(READ_MS, TimeUnit.MILLISECONDS) < 100);
        }
        Poll.until("the slow request's slot freed", READ_MS, () -> source.intake().unanswered() == 0);
        // Both slots are free again: two requests wait for their verdict at the same time.
        try (RawHttp a = new RawHttp(port, READ_MS); RawHttp b = new RawHttp(port, READ_MS)) {
            a.send(RawHttp.post("/", "after a"));
            b.send(RawHttp.post("/", "after b"));
            awaitData(3);
            assertEquals(2, source.intake().unanswered());
            for (FakeSourceOutput.Item d : output.data().subList(1, 3)) {
                source.ack(d.stream(), d.position());
            }
            assertEquals(200, a.read().status);
            assertEquals(200, b.read().status);
        }
        assertEquals("only the served requests reached the runtime", 3, output.data().size());
        assertEquals(List.of("read_timeout"), context.errorKinds());
        String message = context.errors().get(0).message();
        assertTrue(message, message.matches("408 to 127\\.0\\.0\\.1:\\d+: request not received whole within "
                + "request_timeout_ms \\(1000 ms\\)"));
        assertEquals(0, source.intake().unanswered());
    }

    @Test
    public void aHeadTrickledPastRequestTimeoutGets408() throws Exception {
        // A read_timeout_ms longer than the deadline: only the deadline can answer.
        int port = open("request_timeout_ms", "500", "read_timeout_ms", "3000");
        try (RawHttp slow = new RawHttp(port, READ_MS)) {
            Future<Integer> sent = trickle(slow, "POST / HTTP/1.1\r\nHost: t\r\nX-Pad: " + "p".repeat(200)
                    + "\r\nContent-Length: 1\r\n\r\nx");
            RawHttp.Response response = slow.read();
            assertEquals(408, response.status);
            assertTrue(response.body, response.body.contains("request_timeout_ms (500 ms)"));
            assertTrue(slow.closedByServer());
            assertTrue("the head never arrived whole", sent.get(READ_MS, TimeUnit.MILLISECONDS) < 200);
        }
        Poll.until("the connection counted down", READ_MS, () -> source.intake().connections() == 0);
        assertEquals(List.of("read_timeout"), context.errorKinds());
        assertEquals(0, source.intake().unanswered());
        assertEquals(0, output.data().size());
    }

    @Test
    public void theRequestDeadlineCountsEachRequestFromItsFirstByte() throws Exception {
        int port = open("request_timeout_ms", "1000", "read_timeout_ms", "300");
        output.onData(d -> source.ack(d.stream(), d.position()));
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            long start = System.nanoTime();
            // Five slow requests on one connection, each well within the deadline, more than it together.
            for (int i = 0; i < 5; i++) {
                client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n");
                assertEquals(5, (int) trickle(client, "slow" + i).get(READ_MS, TimeUnit.MILLISECONDS));
                assertEquals("request " + i + " served", 200, client.read().status);
            }
            assertTrue("the connection outlived one deadline",
                    System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(1000));
            assertEquals(5, output.data().size());
            assertEquals("slow4", output.data().get(4).text());
            assertEquals("served slowly is no error", List.of(), context.errors());
            // The deadline still holds for the next one.
            client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");
            trickle(client, "y".repeat(100));
            assertEquals(408, client.read().status);
            assertTrue(client.closedByServer());
        }
        assertEquals(List.of("read_timeout"), context.errorKinds());
        Poll.until("its slot freed", READ_MS, () -> source.intake().unanswered() == 0);
    }

    @Test
    public void aBlankLineBetweenRequestsStartsNoDeadline() throws Exception {
        int port = open("request_timeout_ms", "300", "read_timeout_ms", "5000");
        output.onData(d -> source.ack(d.stream(), d.position()));
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "one"));
            assertEquals(200, client.read().status);
            // Ignored before a request line (RFC 9112, 2.2): no request has begun.
            client.send("\r\n");
            long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
            Poll.until("twice the request deadline", READ_MS,
                    () -> !context.errors().isEmpty() || System.nanoTime() - quietUntil > 0);
            assertEquals(List.of(), context.errors());
            client.send(RawHttp.post("/", "two"));
            assertEquals(200, client.read().status);
        }
        assertEquals(List.of("one", "two"), output.data().stream().map(d -> d.text()).toList());
    }

    @Test
    public void aBodyCutShortByTheEndOfTheConnectionIsCounted() throws Exception {
        int port = open();
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly a part");
            Poll.until("the request admitted", READ_MS, () -> source.intake().unanswered() == 1);
        }
        Poll.until("the truncated request counted", READ_MS,
                () -> context.errorKinds().equals(List.of("truncated")));
        String message = context.errors().get(0).message();
        assertTrue(message, message.matches("from 127\\.0\\.0\\.1:\\d+: connection ended inside a request body"));
        Poll.until("its slot freed", READ_MS, () -> source.intake().unanswered() == 0);
        assertEquals("nothing reached the runtime", 0, output.data().size());
    }

    @Test
    public void answersPipelinedRequestsInOrder() throws Exception {
        int port = open();
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "one") + RawHttp.post("/", "two"));
            awaitData(1);
            assertEquals("the second waits until the first is answered", 1, output.data().size());
            FakeSourceOutput.Item one = output.data().get(0);
            assertEquals("one", one.text());
            source.fail(one.stream(), one.position());
            assertEquals(500, client.read().status);
            awaitData(2);
            FakeSourceOutput.Item two = output.data().get(1);
            assertEquals("two", two.text());
            source.ack(two.stream(), two.position());
            assertEquals(200, client.read().status);
        }
    }

    @Test
    public void sends100ContinueWhenAsked() throws Exception {
        int port = open();
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST / HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertEquals(100, client.read().status);
            client.send("body");
            awaitData(1);
            FakeSourceOutput.Item d = output.data().get(0);
            source.ack(d.stream(), d.position());
            assertEquals(200, client.read().status);
        }
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send("POST /x HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 9999999\r\n\r\n");
            assertEquals(413, client.read().status);
            assertTrue("no body follows a refused 100-continue: closed", client.closedByServer());
        }
    }

    @Test
    public void closesConnectionsBeyondMaxConnections() throws Exception {
        int port = open("max_connections", "1");
        try (RawHttp first = new RawHttp(port, READ_MS)) {
            Poll.until("first connection counted", READ_MS, () -> source.intake().connections() == 1);
            try (RawHttp second = new RawHttp(port, READ_MS)) {
                assertTrue(second.closedByServer());
            }
            Poll.until("the refused connection counted", READ_MS,
                    () -> context.errorKinds().equals(List.of("too_many_connections")));
            first.send(RawHttp.post("/", "first"));
            awaitData(1);
            FakeSourceOutput.Item d = output.data().get(0);
            source.ack(d.stream(), d.position());
            assertEquals(200, first.read().status);
        }
    }

    @Test
    public void closeAnswersWaitingRequestsAndEndsItsThreads() throws Exception {
        int port = open();
        assertTrue(Threads.alive("weir-http_server-" + name + "-io-").size() >= 1);
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "in flight"));
            awaitData(1);
            manager.close();
            manager = null;
            source.close();
            RawHttp.Response response = client.read();
            assertEquals(503, response.status);
            assertEquals("close", response.header("Connection"));
            assertEquals(List.of(), Threads.alive("weir-http_server-" + name + "-"));
        }
        assertEquals("503 on shutdown is no error", List.of(), context.errors());
        source = null;
    }

    @Test
    public void reopensOnTheSamePortAfterClose() throws Exception {
        int port = open();
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "x"));
            awaitData(1);
        }
        manager.close();
        manager = null;
        source.close();
        Map<String, Object> config = new HashMap<>(Map.of("port", String.valueOf(port)));
        source = new HttpServerSource(Configs.of(HttpServerConfig.class, config), config);
        source.open(new FakeSourceContext(name));
        assertEquals(port, source.port());
        manager = new ManagerLoop(source, output);
        Poll.until("the first pull", READ_MS, () -> source.intake().accepting());
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            client.send(RawHttp.post("/", "again"));
            awaitData(2);
            FakeSourceOutput.Item d = output.data().get(1);
            source.ack(d.stream(), d.position());
            assertEquals(200, client.read().status);
        }
    }

    @Test
    public void bindFailureNamesTheAddress() throws Exception {
        int port = open();
        Map<String, Object> config = new HashMap<>(Map.of("port", String.valueOf(port)));
        HttpServerSource second = new HttpServerSource(Configs.of(HttpServerConfig.class, config), config);
        try {
            second.open(new FakeSourceContext("clash"));
            throw new AssertionError("bound twice");
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("'clash'") && e.getMessage().contains(":" + port));
        } finally {
            second.close();
        }
        assertEquals(List.of(), Threads.alive("weir-http_server-clash-"));
    }

    @Test
    public void bodyBytesArriveUnchanged() throws Exception {
        int port = open();
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            byte[] head = ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: " + binary.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + binary.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(binary, 0, all, head.length, binary.length);
            client.send(all);
            awaitData(1);
            org.junit.Assert.assertArrayEquals(binary, output.data().get(0).data());
        }
    }

    @Test
    public void manyClientsAtOnceAllGetTheirOwnVerdict() throws Exception {
        int port = open("max_concurrent", "1000");
        ExecutorService runtime = Executors.newFixedThreadPool(3);
        // Like the runtime: verdicts come from other threads; odd bodies fail, even ones succeed.
        output.onData(d -> runtime.execute(() -> {
            int n = Integer.parseInt(d.text().substring(d.text().indexOf('-') + 1));
            if (n % 2 == 0) {
                source.ack(d.stream(), d.position());
            } else {
                source.fail(d.stream(), d.position());
            }
        }));
        int clients = 20;
        int perClient = 10;
        ExecutorService senders = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(senders.submit(() -> {
                    StringBuilder wrong = new StringBuilder();
                    try (RawHttp http = new RawHttp(port, READ_MS)) {
                        for (int i = 0; i < perClient; i++) {
                            int n = client * perClient + i;
                            int status = http.send(RawHttp.post("/", "body-" + n)).read().status;
                            if (status != (n % 2 == 0 ? 200 : 500)) {
                                wrong.append(n).append("->").append(status).append(' ');
                            }
                        }
                    }
                    return wrong.toString();
                }));
            }
            for (Future<String> r : results) {
                assertEquals("requests answered with the wrong verdict", "", r.get(30, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
            runtime.shutdownNow();
        }
        assertEquals(clients * perClient, output.data().size());
        assertEquals(0, source.intake().unanswered());
    }

    @Test
    public void http10RequestsAreAnsweredAndClosed() throws Exception {
        int port = open();
        output.onData(d -> source.ack(d.stream(), d.position()));
        try (RawHttp client = new RawHttp(port, READ_MS)) {
            RawHttp.Response response = client.send("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi").read();
            assertEquals(200, response.status);
            assertTrue(client.closedByServer());
        }
    }
}
