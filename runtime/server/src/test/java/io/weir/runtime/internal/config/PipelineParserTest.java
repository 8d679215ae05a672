package io.weir.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.junit.Test;

public class PipelineParserTest {

    @Test
    public void findsOperatorTypesAndRunnerOptions() {
        PipelineSpec spec = PipelineParser.parse("main", Map.of("node.f.type", "filter", "node.f.expression", "true",
                "node.w.type", "window", "node.w.aggregate.type", "event.x", "links", "in -> f -> w -> out",
                "queue.capacity", "10", "tick.interval_ms", "5", "service.pid", "weir.pipeline~main"));
        assertEquals(Map.of("f", "filter", "w", "window"), spec.operatorTypes());
        assertEquals(10, spec.queueCapacity());
        assertEquals(64, spec.batchSize());
        assertEquals(5, spec.tickIntervalMillis());
        assertFalse("framework keys are not passed on", spec.config().containsKey("service.pid"));
        assertTrue(spec.config().containsKey("links"));
    }

    @Test
    public void onlyTheGraphDecidesWhetherTheSamePipelineRuns() {
        PipelineSpec a = PipelineParser.parse("p", Map.of("node.f.type", "filter", "queue.capacity", "10"));
        PipelineSpec b = PipelineParser.parse("p", Map.of("node.f.type", "filter", "queue.capacity", "20"));
        PipelineSpec c = PipelineParser.parse("p", Map.of("node.f.type", "fields"));
        assertTrue(a.sameGraph(b));
        assertFalse(a.sameGraph(c));
    }

    @Test
    public void refusesAnEmptyTypeAndBadNumbers() {
        try {
            PipelineParser.parse("p", Map.of("node.f.type", " "));
            fail();
        } catch (ConfigException e) {
            assertEquals("node.f.type: empty; name the operator type, for example filter", e.getMessage());
        }
        try {
            PipelineParser.parse("p", Map.of("tick.interval_ms", "0"));
            fail();
        } catch (ConfigException e) {
            assertEquals("tick.interval_ms: expected a whole number from 1 to 1000, got 0", e.getMessage());
        }
    }
}
