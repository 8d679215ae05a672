package io.weir.itests;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Acknowledgements and failures reach the source: once per event, failed where a sink failed it, acknowledged where
 * every sink took it or a filter dropped it.
 */
public class FlowAcksIT extends FlowTestSupport {

    @Test
    public void acksAndFailsReachTheSourceOncePerEvent() {
        writeConfig("weir.source.recording-numbers.cfg", Map.of("count", "200"));
        writeConfig("weir.pipeline-drop5.cfg", Map.of("node.drop.type", "filter",
                "node.drop.expression", "event.n % 10 != 5", "links", "in -> drop -> out"));
        writeConfig("weir.sink.recording-picky.cfg", Map.of("fail_every", "10", "fail_at", "3"));
        writeConfig("weir.flow-acks.cfg", Map.of("links", "source/numbers -> pipeline/drop5 -> sink/picky"));

        await("every event has its outcome", () -> count("source", "numbers", "ackCalls")
                + count("source", "numbers", "failCalls") == 200);
        List<Long> expectedFailures = new ArrayList<>();
        for (long n = 3; n < 200; n += 10) {
            expectedFailures.add(n);
        }
        assertEquals(expectedFailures, failedPositions("numbers"));
        assertEquals(20, count("source", "numbers", "failCalls"));
        assertEquals("dropped by the filter or taken by the sink", 180, count("source", "numbers", "acked"));
        assertEquals(180, count("source", "numbers", "ackCalls"));
        assertEquals("the filter dropped 20", 180, count("sink", "picky", "received"));
    }

    @Test
    public void anEventSentToTwoSinksIsAcknowledgedWhenBothTookItAndFailedWhenOneFailedIt() {
        writeConfig("weir.source.recording-twice.cfg", Map.of("count", "50"));
        writeConfig("weir.sink.recording-all.cfg", Map.of());
        writeConfig("weir.sink.recording-some.cfg", Map.of("fail_every", "5", "fail_at", "0"));
        writeConfig("weir.flow-fanout.cfg", Map.of("links", "source/twice -> sink/all, source/twice -> sink/some"));

        await("every event has its outcome", () -> count("source", "twice", "ackCalls")
                + count("source", "twice", "failCalls") == 50);
        assertEquals(List.of(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L), failedPositions("twice"));
        assertEquals(40, count("source", "twice", "ackCalls"));
        assertEquals(50, count("sink", "all", "received"));
        assertEquals(50, count("sink", "some", "received"));
    }
}
