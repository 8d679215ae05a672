package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * A flow configured from files in {@code etc/} runs end to end with the real metronome and pipeline; it waits for a
 * sink that is not there yet; a broken edit of its file is reported once and leaves it running.
 */
public class FlowFromFilesIT extends FlowTestSupport {

    private void stampedTicks() throws IOException {
        deployBuiltIn("metronome");
        writeConfig("weir.source.metronome-ticks.cfg", Map.of("interval_ms", "5"));
        writeConfig("weir.pipeline-stamp.cfg", Map.of("node.stamp.type", "fields",
                "node.stamp.set.stamped", "\"yes\"", "links", "in -> stamp -> out"));
    }

    @Test
    public void aFlowConfiguredFromFilesRunsEndToEnd() throws IOException {
        stampedTicks();
        writeConfig("weir.sink.recording-seen.cfg", Map.of());
        writeConfig("weir.flow-demo.cfg", Map.of("description", "ticks, stamped, recorded",
                "links", "source/ticks -> pipeline/stamp -> sink/seen, pipeline/stamp.err -> sink/seen"));

        await("stamped ticks reach the sink", () -> count("sink", "seen", "received") >= 20);
        String last = (String) records("sink", "seen").get("last");
        assertTrue(last, last.contains("stamped=yes") && last.contains("onramp=metronome"));

        String flows = awaitFlowState("demo", "RUNNING");
        assertTrue(flows, flows.contains("ticks, stamped, recorded"));
        assertTrue(flows, flows.contains("source/ticks") && flows.contains("metronome")
                && flows.contains("pipeline/stamp") && flows.contains("sink/seen"));
        String stats = execute("weir:stats");
        assertTrue(stats, stats.contains("latency (ingest to ack"));
        assertTrue(stats, stats.contains("node stamp: in "));
        String connectors = execute("weir:connectors");
        assertTrue(connectors, connectors.contains("metronome") && connectors.contains("recording")
                && connectors.contains("configure: etc/weir.sink.recording-<instance>.cfg"));
        assertTrue(connectors, connectors.contains("Operator types: ") && connectors.contains("fields ("));
    }

    @Test
    public void aFlowWaitsForAMissingSinkAndRunsWhenItIsConfigured() throws IOException {
        stampedTicks();
        writeConfig("weir.flow-later.cfg", Map.of("links", "source/ticks -> pipeline/stamp -> sink/later"));
        // the pipeline file may reach FileInstall after the flow file: wait until only the sink is missing
        awaitValue("flow later waits for its sink", () -> {
            String shown = execute("weir:flows");
            return shown.contains("flow later  WAITING")
                    && shown.contains("sink/later is not registered: no sink instance named 'later'")
                    && !shown.contains("pipeline/stamp is not configured") ? shown : null;
        });

        writeConfig("weir.sink.recording-later.cfg", Map.of());
        awaitFlowState("later", "RUNNING");
        await("ticks reach the sink", () -> count("sink", "later", "received") >= 5);
    }

    @Test
    public void aBrokenFlowFileIsReportedOnceAndTheFlowKeepsRunning() throws Exception {
        stampedTicks();
        writeConfig("weir.sink.recording-kept.cfg", Map.of());
        writeConfig("weir.flow-kept.cfg", Map.of("links", "source/ticks -> pipeline/stamp -> sink/kept"));
        await("ticks reach the sink", () -> count("sink", "kept", "received") >= 5);

        writeConfig("weir.flow-kept.cfg", Map.of("links", "source/ticks => sink/kept"));
        String expected = "weir.flow-kept.cfg: links: \"source/ticks => sink/kept\" is not a link";
        Path log = etcFolder().getParent().resolve("data").resolve("log").resolve("weir.log");
        await("the problem is logged", () -> Files.exists(log) && occurrences(log, expected) == 1);
        String flows = execute("weir:flows kept");
        assertTrue(flows, flows.contains("flow kept  RUNNING") && flows.contains("last edit refused"));
        long before = count("sink", "kept", "received");
        await("the flow still runs", () -> count("sink", "kept", "received") > before + 5);
        assertEquals("reported once", 1, occurrences(log, expected));
    }

    private static int occurrences(Path log, String text) throws IOException {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(Files.readString(log, StandardCharsets.UTF_8));
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
