package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.FreePorts;
import io.weir.itests.support.NodeStats;
import io.weir.itests.support.RawHttp;
import io.weir.itests.support.RawHttp.Reply;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The {@code http_server} source in real flows on loopback: a request is answered with success only once the sink
 * took its event, and with an error status when the sink failed it; oversized, badly framed, truncated and garbage
 * requests get clear 4xx replies without reaching the flow and are counted per kind as connector errors in
 * {@code weir:stats}, an undecodable body is counted on {@code err}, and the server goes on serving.
 */
public class HttpIT extends ConnectorTestSupport {

    @Test
    public void theReplyWaitsForTheSinkSuccessWhenItTookTheEventAnErrorWhenItFailedIt() throws Exception {
        deployBuiltIn("http");
        int port = FreePorts.tcp();
        writeConfig("weir.source.http_server-api.cfg", Map.of("port", String.valueOf(port), "path", "/ingest",
                "codec", "json"));
        writeConfig("weir.sink.capture-gate.cfg", Map.of());
        writeConfig("weir.flow-api.cfg", Map.of("links", "source/api -> sink/gate"));
        awaitServing(port);

        tellCapture("gate", "hold");
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            Future<Reply> first = clients.submit(() -> post(port, "{\"n\":1}"));
            await("the sink holds the first event", () -> held("gate") == 1);
            Future<Reply> second = clients.submit(() -> post(port, "{\"n\":2}"));
            await("the sink holds the second event", () -> held("gate") == 2);
            assertFalse("no reply while the sink holds the event", first.isDone());
            assertFalse("no reply while the sink holds the event", second.isDone());

            tellCapture("gate", "release");
            assertEquals(200, replyOf(first).status());
            assertEquals(200, replyOf(second).status());

            Future<Reply> third = clients.submit(() -> post(port, "{\"n\":3}"));
            await("the sink holds the third event", () -> held("gate") == 1);
            assertFalse("no reply while the sink holds the event", third.isDone());
            tellCapture("gate", "fail");
            Reply failed = replyOf(third);
            assertEquals(500, failed.status());
            assertTrue(failed.body(), failed.body().contains("not delivered"));
        } finally {
            clients.shutdownNow();
        }

        tellCapture("gate", "pass");
        assertEquals(200, post(port, "{\"n\":4}").status());
        List<Map<String, Object>> events = captured("gate");
        assertEquals(List.of(Map.of("probe", true), Map.of("n", 1L), Map.of("n", 2L), Map.of("n", 3L), Map.of("n", 4L)),
                events.stream().map(e -> e.get("value")).toList());
        Map<?, ?> meta = (Map<?, ?>) events.get(1).get("meta");
        assertEquals("POST", meta.get("method"));
        assertEquals("/ingest", meta.get("path"));
        assertEquals("application/json", ((Map<?, ?>) meta.get("headers")).get("content-type"));
        NodeStats.Node source = node("source/api");
        assertEquals(4, source.acked());
        assertEquals(1, source.failed());
    }

    @Test
    public void badRequestsGetClientErrorsWithoutReachingTheFlowAndTheServerGoesOn() throws Exception {
        deployBuiltIn("http");
        int port = FreePorts.tcp();
        writeConfig("weir.source.http_server-api.cfg", Map.of("port", String.valueOf(port), "path", "/ingest",
                "codec", "json", "max_body_bytes", "256", "read_timeout_ms", "1000"));
        writeConfig("weir.sink.capture-seen.cfg", Map.of());
        writeConfig("weir.sink.capture-errors.cfg", Map.of());
        writeConfig("weir.flow-api.cfg", Map.of("links", "source/api -> sink/seen, source/api.err -> sink/errors"));
        awaitServing(port);

        String chunkedHead = "POST /ingest HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n";
        assertEquals("body over max_body_bytes", 413,
                status(port, RawHttp.request("POST", "/ingest", "{\"big\":\"" + "x".repeat(1000) + "\"}")));
        assertEquals("chunked body over max_body_bytes", 413, status(port, RawHttp.bytes(chunkedHead
                + "190\r\n" + "x".repeat(400) + "\r\n0\r\n\r\n")));
        assertEquals("bad chunk framing", 400, status(port, RawHttp.bytes(chunkedHead + "zz\r\nhello\r\n0\r\n\r\n")));
        assertEquals("no body length", 411, status(port, RawHttp.bytes("POST /ingest HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n")));
        assertEquals("another path", 404, status(port, RawHttp.request("POST", "/other", "{\"n\":0}")));
        assertEquals("another method", 405, status(port, RawHttp.request("DELETE", "/ingest", "{\"n\":0}")));
        byte[] garbage = new byte[300];
        Arrays.fill(garbage, (byte) 0x01);
        assertEquals("garbage instead of a request", 400, status(port, RawHttp.concat(garbage, RawHttp.bytes("\r\n\r\n"))));

        byte[] truncated = RawHttp.bytes("POST /ingest HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n"
                + "{\"n\":");
        Reply cut = RawHttp.exchange(port, truncated, true, TIMEOUT);
        assertNull("a body cut short by the end of the connection: " + cut, cut);
        Reply stalled = RawHttp.exchange(port, truncated, false, TIMEOUT);
        assertEquals("a client that stalls inside its body", 408, stalled.status());

        Reply undecodable = RawHttp.exchange(port, RawHttp.request("POST", "/ingest", "{not json"), false, TIMEOUT);
        assertEquals("the error event was delivered to the err sink", 200, undecodable.status());
        assertEquals(200, post(port, "{\"n\":1}").status());

        assertEquals(List.of(Map.of("probe", true), Map.of("n", 1L)), capturedValues("seen"));
        awaitCaptured("errors", 1);
        String reason = String.valueOf(((Map<?, ?>) capturedValues("errors").get(0)).get("error"));
        assertTrue(reason, reason.startsWith("codec 'json'"));
        // A source's in is added once per pull: it can follow the replies by a moment.
        NodeStats.Node source = awaitNode("source/api", "counts what it received", n -> n.in() >= 3);
        assertEquals("only the probe, the undecodable body and the good one reached the flow", 3, source.in());
        assertEquals(1, source.err());
        assertEquals(2, source.out());
        assertEquals("running", source.state());

        // Every request turned away is a connector error of its kind; 503s before the flow ran are "paused".
        NodeStats.Node counted = awaitNode("source/api", "counts the cut-short body",
                n -> n.errors("truncated") == 1);
        assertEquals(counted.errors().toString(), 2, counted.errors("oversize"));
        assertEquals(counted.errors().toString(), 3, counted.errors("bad_request"));
        assertEquals(counted.errors().toString(), 1, counted.errors("not_found"));
        assertEquals(counted.errors().toString(), 1, counted.errors("method_not_allowed"));
        assertEquals(counted.errors().toString(), 1, counted.errors("read_timeout"));
        String stats = execute("weir:stats");
        assertTrue(stats, stats.contains("  last error: "));

        // More garbage raises the counts, and the server still serves.
        assertEquals(400, status(port, RawHttp.concat(garbage, RawHttp.bytes("\r\n\r\n"))));
        assertEquals(413, status(port, RawHttp.request("POST", "/ingest", "{\"big\":\"" + "y".repeat(1000) + "\"}")));
        assertEquals(200, post(port, "{\"n\":2}").status());
        NodeStats.Node after = node("source/api");
        assertEquals(after.errors().toString(), 4, after.errors("bad_request"));
        assertEquals(after.errors().toString(), 3, after.errors("oversize"));
        assertEquals("running", after.state());
    }

    /** Waits until the source admits requests (it refuses them with 503 until its flow runs). */
    private void awaitServing(int port) {
        await("the http_server answers a request with success", () -> post(port, "{\"probe\":true}").status() == 200);
    }

    private static Reply post(int port, String json) {
        return RawHttp.exchange(port, RawHttp.request("POST", "/ingest", json), false, TIMEOUT);
    }

    private static int status(int port, byte[] request) {
        Reply reply = RawHttp.exchange(port, request, false, TIMEOUT);
        return reply == null ? -1 : reply.status();
    }

    private static Reply replyOf(Future<Reply> reply) throws Exception {
        return reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
