package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

/**
 * Faults stay where they happen: a source that throws on every pull is reopened with backoff while another flow keeps
 * its throughput; a sink that opens its circuit breaker pauses its source, and nothing is lost.
 */
public class FlowFaultIT extends FlowTestSupport {

    @Test
    public void aThrowingSourceIsRestartedWhileAnotherFlowKeepsItsThroughput() {
        writeConfig("weir.source.recording-healthy.cfg", Map.of("pause_ms", "1"));
        writeConfig("weir.sink.recording-steady.cfg", Map.of());
        writeConfig("weir.flow-steady.cfg", Map.of("links", "source/healthy -> sink/steady"));
        await("the healthy flow runs", () -> count("sink", "steady", "received") >= 50);

        writeConfig("weir.source.recording-broken.cfg", Map.of("broken", "true", "retry.backoff_ms", "20",
                "retry.max_backoff_ms", "200"));
        writeConfig("weir.sink.recording-idle.cfg", Map.of());
        writeConfig("weir.flow-broken.cfg", Map.of("links", "source/broken -> sink/idle"));
        String failed = awaitFlowState("broken", "FAILED");
        assertTrue(failed, failed.contains("pull failed: java.lang.IllegalStateException: fixture source told to fail"
                + " every pull"));

        for (int second = 0; second < 3; second++) {
            long opens = count("source", "broken", "opens");
            long received = count("sink", "steady", "received");
            await("the broken source is opened again", () -> count("source", "broken", "opens") > opens);
            await("the healthy flow keeps delivering", () -> count("sink", "steady", "received") >= received + 100);
        }
        assertEquals(0, count("sink", "idle", "received"));
        assertTrue(execute("weir:flows steady").contains("flow steady  RUNNING"));
    }

    @Test
    public void aSinkThatOpensItsBreakerPausesItsSourceAndNothingIsLost() {
        writeConfig("weir.source.recording-burst.cfg", Map.of("count", "3000", "pause_ms", "1"));
        writeConfig("weir.sink.recording-slow.cfg", Map.of("queue.capacity", "256"));
        writeConfig("weir.flow-breaker.cfg", Map.of("links", "source/burst -> sink/slow"));
        await("events flow", () -> count("sink", "slow", "received") >= 100);
        tellSink("slow", "unavailable");
        // the flow shows PAUSED as soon as the breaker opens; the reason reaches the source a moment later
        awaitValue("flow breaker is paused by sink/slow", () -> {
            String shown = execute("weir:flows");
            return shown.contains("flow breaker  PAUSED")
                    && shown.contains("sink/slow is unavailable: told by the test") ? shown : null;
        });
        await("the source was told to pause", () -> count("source", "burst", "pauses") == 1);
        long sent = count("source", "burst", "sent");
        assertTrue("the source stopped short of the end: " + sent, sent < 3000);

        tellSink("slow", "available");
        await("everything arrives", () -> count("sink", "slow", "distinct") == 3000);
        await("every event is acknowledged", () -> count("source", "burst", "acked") == 3000);
        assertEquals(3000, count("sink", "slow", "received"));
        assertEquals(0, count("source", "burst", "failCalls"));
        assertEquals(1, count("source", "burst", "resumes"));
    }
}
