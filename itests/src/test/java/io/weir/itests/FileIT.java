package io.weir.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.NodeStats;
import io.weir.itests.support.NumberedLines;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.Test;

/**
 * The file connectors in real flows on real files: a followed file loses no line across rotation and across a
 * restart of its source, and after the restart repeats only what came after the offset it had committed; invalid
 * UTF-8, malformed JSON and over-long lines are counted on {@code err} and the lines after them flow; a file truncated
 * under the source is a connector error of kind {@code truncated} and is read again from its start.
 */
public class FileIT extends ConnectorTestSupport {

    private static final String SOURCE_FILE = "weir.source.file-app.cfg";

    @Test
    public void followingAcrossRotationAndARestartLosesNoLineAndRepeatsOnlyAfterTheCommittedOffset() throws Exception {
        deployBuiltIn("file");
        Path folder = newFolder("follow");
        Path log = folder.resolve("app.log");
        Path rotated = folder.resolve("app.log.1");
        Path out = folder.resolve("out.log");
        Map<String, String> source = Map.of("path", log.toString(), "mode", "follow", "codec", "string",
                "preprocessors", "separate", "poll_interval_ms", "20", "commit_interval_ms", "100");
        writeConfig(SOURCE_FILE, source);
        writeConfig("weir.sink.file-out.cfg", Map.of("path", out.toString(), "codec", "string",
                "postprocessors", "separate"));
        // A second sink that can hold acknowledgements back, so that the restart finds lines in flight.
        writeConfig("weir.sink.capture-gate.cfg", Map.of());
        writeConfig("weir.flow-tail.cfg", Map.of("links", "source/app -> sink/out, source/app -> sink/gate"));

        append(log, NumberedLines.text(0, 100));
        await("the first lines are copied", () -> linesOf(out).size() == 100);

        // Rotation as a logger does it: rename, a last write through the old handle, then a new file.
        append(log, NumberedLines.text(100, 150));
        Files.move(log, rotated);
        append(rotated, NumberedLines.text(150, 200));
        append(log, NumberedLines.text(200, 300));
        await("the rotated and the new file are copied", () -> linesOf(out).size() >= 300);
        awaitNode("source/app", "has every line acknowledged", n -> n.acked() == 300);
        assertEquals("across rotation: each line once, in order", "0-299", NumberedLines.runs(linesOf(out)));

        // 100 more lines are copied, but only the first 40 are acknowledged when the source stops.
        tellCapture("gate", "hold");
        append(log, NumberedLines.text(300, 400));
        await("the next lines are copied and held", () -> linesOf(out).size() == 400 && held("gate") == 100);
        tellCapture("gate", "release:40");
        awaitNode("source/app", "has the released lines acknowledged", n -> n.acked() == 340);

        // The restart: the instance is closed, writing its state file, and a new one starts. One option differs, so
        // the runtime does not hand the old instance's state over (as after a server restart): the new instance
        // reads the state file.
        delete(etcFolder().resolve(SOURCE_FILE));
        // The flow engine serialises its calls: once it shows the source missing, the old instance was closed.
        String waiting = awaitFlowState("tail", "WAITING");
        assertTrue(waiting, waiting.contains("source/app is not registered"));
        assertEquals("the committed offset is the end of the last acknowledged line", 340,
                committedLine(folder.resolve("app.log.weir-offset"), log, 200));
        tellCapture("gate", "release");
        tellCapture("gate", "pass");
        append(log, NumberedLines.text(400, 500));
        Map<String, String> restarted = new HashMap<>(source);
        restarted.put("commit_interval_ms", "200");
        writeConfig(SOURCE_FILE, restarted);

        String last = NumberedLines.line(499);
        await("every line is copied", () -> {
            List<String> copied = linesOf(out);
            return !copied.isEmpty() && copied.get(copied.size() - 1).equals(last);
        });
        assertEquals("no line lost; repeated only the lines in flight after the committed offset", "0-399 340-499",
                NumberedLines.runs(linesOf(out)));
        assertEquals(0, node("source/app").failed());
    }

    @Test
    public void invalidUtf8MalformedJsonAndOverlongLinesAreCountedAndTheLinesAfterThemFlow() throws Exception {
        deployBuiltIn("file");
        Path input = newFolder("dirty").resolve("events.jsonl");
        byte[] invalidUtf8 = {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1};
        append(input, "{\"n\":1}\n");
        append(input, invalidUtf8);
        append(input, "\n{\"n\":\n");
        append(input, "not json at all\n");
        append(input, "\n");
        append(input, "{\"n\":\"" + "x".repeat(300) + "\"}\n");
        append(input, "{\"n\":2}\n");
        writeConfig("weir.source.file-events.cfg", Map.of("path", input.toString(), "codec", "json",
                "preprocessors", "separate", "preprocessor.separate.max_length", "128", "poll_interval_ms", "20"));
        writeConfig("weir.sink.capture-seen.cfg", Map.of());
        writeConfig("weir.sink.capture-errors.cfg", Map.of());
        writeConfig("weir.flow-events.cfg", Map.of("links", "source/events -> sink/seen, source/events.err -> sink/errors"));

        awaitCaptured("errors", 5);
        awaitCaptured("seen", 2);
        assertEquals(List.of(Map.of("n", 1L), Map.of("n", 2L)), capturedValues("seen"));
        List<String> reasons = new ArrayList<>();
        for (Object value : capturedValues("errors")) {
            reasons.add(String.valueOf(((Map<?, ?>) value).get("error")));
        }
        assertEquals(reasons.toString(), 4, reasons.stream().filter(r -> r.startsWith("codec 'json'")).count());
        assertTrue(reasons.toString(), reasons.get(4).startsWith("preprocessor 'separate'"));
        assertArrayEquals("the invalid line is in its error event", invalidUtf8,
                (byte[]) ((Map<?, ?>) capturedValues("errors").get(0)).get("raw"));

        append(input, "{\"n\":3}\n");
        await("a line after the bad ones flows", () -> capturedValues("seen").contains(Map.of("n", 3L)));
        NodeStats.Node source = awaitNode("source/events", "has every record acknowledged, bad ones included",
                n -> n.acked() == 8);
        assertEquals(5, source.err());
        assertEquals(3, source.out());
        assertEquals("running", source.state());
        assertEquals("bad records are err events, not connector errors", Map.of(), source.errors());
        awaitStateFileOffset(input.resolveSibling("events.jsonl.weir-offset"), Files.size(input));

        // Truncated in place (same file, shorter than what was read): counted, and read again from the start.
        // Overwritten, then cut: a rewrite through Files.write would show the source an empty file first.
        try (FileChannel file = FileChannel.open(input, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap("{\"n\":4}\n".getBytes(StandardCharsets.UTF_8)), 0);
            file.truncate(8);
        }
        await("the truncated file's new line flows", () -> capturedValues("seen").contains(Map.of("n", 4L)));
        NodeStats.Node truncated = awaitNode("source/events", "counts the truncation", n -> n.errors("truncated") == 1);
        assertEquals(Map.of("truncated", 1L), truncated.errors());
        assertEquals("running", truncated.state());
        String stats = execute("weir:stats");
        assertTrue(stats, stats.contains("last error: truncated: " + input + " was truncated to 8 bytes"));
    }

    /** Waits until the state file commits {@code offset}: every record up to the end of the file acknowledged. */
    private void awaitStateFileOffset(Path stateFile, long offset) {
        await("the state file commits offset " + offset, () -> Files.exists(stateFile)
                && String.valueOf(offset).equals(load(stateFile).getProperty("file.0.offset")));
    }

    /**
     * The number of the line at the offset the state file committed for {@code file}, whose first line is
     * {@code firstLine}; checks that the state holds only that file (the rotated one was finished and dropped) and
     * that the offset is at a line start.
     */
    private static int committedLine(Path stateFile, Path file, int firstLine) throws IOException {
        Properties state = load(stateFile);
        assertEquals("the rotated file was finished and dropped from the state: " + state, "1",
                state.getProperty("files"));
        assertEquals(file.toString(), state.getProperty("file.0.path"));
        int offset = Integer.parseInt(state.getProperty("file.0.offset"));
        byte[] content = Files.readAllBytes(file);
        assertTrue("offset " + offset + " is at the start of a line", offset == 0 || content[offset - 1] == '\n');
        int line = firstLine;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
