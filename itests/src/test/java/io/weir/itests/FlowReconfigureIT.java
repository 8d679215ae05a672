package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

/**
 * An edit to one pipeline's file recompiles that pipeline only: the other flow's pipeline holds a batch operator
 * whose every batch is full (a recompiled or closed batch operator would flush a partial one), and no source or
 * sink is reopened.
 */
public class FlowReconfigureIT extends FlowTestSupport {

    @Test
    public void anEditToAPipelineFileReconfiguresOnlyThatPipeline() {
        writeConfig("weir.source.recording-a.cfg", Map.of("pause_ms", "2"));
        writeConfig("weir.source.recording-b.cfg", Map.of("pause_ms", "1"));
        writeConfig("weir.pipeline-tag.cfg", Map.of("node.tag.type", "fields", "node.tag.set.version", "\"v1\"",
                "links", "in -> tag -> out"));
        writeConfig("weir.pipeline-batches.cfg", Map.of("node.fifty.type", "batch", "node.fifty.count", "50",
                "node.fifty.timeout", "1h", "links", "in -> fifty -> out"));
        writeConfig("weir.sink.recording-tagged.cfg", Map.of());
        writeConfig("weir.sink.recording-batched.cfg", Map.of());
        writeConfig("weir.flow-one.cfg", Map.of("links", "source/a -> pipeline/tag -> sink/tagged"));
        writeConfig("weir.flow-two.cfg", Map.of("links", "source/b -> pipeline/batches -> sink/batched"));
        await("v1 events arrive", () -> ((String) records("sink", "tagged").get("last")).contains("version=v1"));
        await("full batches arrive", () -> count("sink", "batched", "received") >= 2);

        writeConfig("weir.pipeline-tag.cfg", Map.of("node.tag.type", "fields", "node.tag.set.version", "\"v2\"",
                "links", "in -> tag -> out"));
        await("v2 events arrive", () -> ((String) records("sink", "tagged").get("last")).contains("version=v2"));
        long batches = count("sink", "batched", "received");
        await("the other flow goes on", () -> count("sink", "batched", "received") >= batches + 2);

        String last = (String) records("sink", "batched").get("last");
        assertEquals("every batch is full: the batch pipeline was never recompiled, " + last, 50,
                last.split(",").length);
        assertEquals(1, count("source", "a", "opens"));
        assertEquals(1, count("source", "b", "opens"));
        assertEquals(1, count("sink", "tagged", "opens"));
        assertEquals(1, count("sink", "batched", "opens"));
        assertTrue(execute("weir:flows").contains("flow two  RUNNING"));
    }
}
