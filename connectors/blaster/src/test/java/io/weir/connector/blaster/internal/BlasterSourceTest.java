package io.weir.connector.blaster.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BlasterSourceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file(String content) throws IOException {
        Path file = tmp.newFile().toPath();
        Files.writeString(file, content);
        return file;
    }

    private static BlasterSource blaster(Object... options) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return new BlasterSource(Configs.of(BlasterConfig.class, map));
    }

    /** Pulls until the source is done, at most a few seconds. */
    private static FakeSourceOutput drain(BlasterSource source) {
        return drain(source, new FakeSourceOutput());
    }

    private static FakeSourceOutput drain(BlasterSource source, FakeSourceOutput out) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.pull(out, 100)) {
            assertTrue("the replay must end", System.nanoTime() < deadline);
        }
        return out;
    }

    private static List<String> data(FakeSourceOutput out) {
        List<String> texts = new ArrayList<>();
        for (FakeSourceOutput.Item item : out.items()) {
            if (item.kind().equals("data")) {
                texts.add(new String(item.data(), StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    @Test
    public void replaysTheRecordsForTheIterationsThenEnds() throws Exception {
        BlasterSource source = blaster("source", file("a\nb\nc").toString(), "iterations", 2L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = drain(source);
        assertEquals(List.of("a\n", "b\n", "c\n", "a\n", "b\n", "c\n"), data(out));
        for (int i = 0; i < 6; i++) {
            assertEquals("position = emission number", i, out.items().get(i).position());
            assertEquals(0, out.items().get(i).stream());
        }
        assertEquals("end", out.items().get(6).kind());
        assertEquals(7, out.items().size());
        assertFalse(source.pull(out, 10));
        source.close();
    }

    @Test
    public void aPullWithoutRoomInTheServerHandsOnNothingAndEndsNothing() throws Exception {
        BlasterSource source = blaster("source", file("a\nb\nc").toString(), "iterations", 1L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        out.full(true);
        assertTrue("not finished: it stopped for room", source.pull(out, 10));
        assertEquals(List.of(), out.items());
        out.full(false);
        drain(source, out);
        assertEquals(List.of("a\n", "b\n", "c\n"), data(out));
        assertEquals("end", out.items().get(3).kind());
        source.close();
    }

    @Test
    public void theDefaultSeparatorIsANewlineAsItArrivesFromTheComponentXml() throws Exception {
        // DS hands the default over as the escaped text written in the component description.
        BlasterSource source = blaster("source", file("one two\nthree\n").toString(), "separator", "\\n");
        source.open(new FakeSourceContext());
        assertEquals(List.of("one two\n", "three\n"), data(drain(source)));
        BlasterSource byDefault = blaster("source", file("one two\nthree\n").toString());
        byDefault.open(new FakeSourceContext());
        assertEquals(List.of("one two\n", "three\n"), data(drain(byDefault)));
    }

    @Test
    public void emitsAFailedRecordAgain() throws Exception {
        BlasterSource source = blaster("source", file("a\nb\nc\n").toString(), "rate", 1000L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        while (out.items().size() < 2) {
            assertTrue(source.pull(out, 100));
        }
        source.fail(0, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.pull(out, 100)) {
            assertTrue(System.nanoTime() < deadline);
        }
        List<String> texts = data(out);
        assertEquals(4, texts.size());
        assertEquals(List.of("a\n", "b\n"), texts.subList(0, 2));
        assertTrue(texts.subList(2, 4).containsAll(List.of("b\n", "c\n")));
        long repeats = out.items().stream().filter(i -> i.kind().equals("data") && i.position() == 1).count();
        assertEquals("the repeat keeps its position", 2, repeats);
    }

    @Test
    public void pacesAtTheRate() throws Exception {
        BlasterSource source = blaster("source", file("x\n").toString(), "iterations", 21L, "rate", 200L);
        source.open(new FakeSourceContext());
        long start = System.nanoTime();
        FakeSourceOutput out = drain(source);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(21, data(out).size());
        // Record 20 is due 100 ms after the first.
        assertTrue("took " + tookMs + " ms", tookMs >= 95);
    }

    @Test
    public void pacedPullWaitsAtMostItsTimeout() throws Exception {
        BlasterSource source = blaster("source", file("x\n").toString(), "iterations", 0L, "rate", 1L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        assertTrue(source.pull(out, 50));
        long start = System.nanoTime();
        assertTrue(source.pull(out, 50));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, out.items().size());
        assertTrue("took " + tookMs + " ms", tookMs >= 40 && tookMs < 2_000);
    }

    @Test
    public void unlimitedReplayHandsOverBoundedBatches() throws Exception {
        BlasterSource source = blaster("source", file("x\ny\n").toString(), "iterations", 0L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        for (int i = 0; i < 5; i++) {
            assertTrue(source.pull(out, 10));
        }
        assertEquals(5 * BlasterSource.MAX_PER_PULL, out.items().size());
        assertEquals(5L * BlasterSource.MAX_PER_PULL - 1, out.items().get(out.items().size() - 1).position());
    }

    @Test
    public void aReplacementCarriesOnWhereTheOldInstanceStopped() throws Exception {
        Path file = file("a\nb\nc\n");
        BlasterSource paced = blaster("source", file.toString(), "iterations", 3L, "rate", 1000L);
        paced.open(new FakeSourceContext());
        FakeSourceOutput first = new FakeSourceOutput();
        while (first.items().size() < 4) {
            paced.pull(first, 100);
        }
        paced.fail(0, 1);
        Map<String, Object> state = paced.snapshot();
        paced.close();
        assertEquals((long) first.items().size(), state.get(BlasterSource.NEXT));

        BlasterSource replacement = blaster("source", file.toString(), "iterations", 3L, "rate", 1000L);
        replacement.open(new FakeSourceContext("test", state));
        FakeSourceOutput rest = drain(replacement);
        List<Long> positions = new ArrayList<>();
        for (FakeSourceOutput.Item item : rest.items()) {
            if (item.kind().equals("data")) {
                positions.add(item.position());
            }
        }
        assertEquals("the failed record first", Long.valueOf(1), positions.get(0));
        List<Long> expected = new ArrayList<>(List.of(1L));
        for (long p = first.items().size(); p < 9; p++) {
            expected.add(p);
        }
        assertEquals(expected, positions);
    }

    @Test
    public void aFailureAfterTheReplayFinishedIsNotServed() throws Exception {
        BlasterSource source = blaster("source", file("a\nb\nc\n").toString(), "iterations", 3L);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        assertFalse("nine records fit in one pull, then the replay is done", source.pull(out, 10));
        assertEquals(10, out.items().size());
        source.fail(0, 4);
        FakeSourceOutput after = new FakeSourceOutput();
        assertFalse(source.pull(after, 10));
        assertFalse(after.items().stream().anyMatch(i -> i.kind().equals("data")));
    }

    @Test
    public void openNamesTheOptionAndTheFileWhenLoadingFails() {
        Path missing = tmp.getRoot().toPath().resolve("missing.json");
        BlasterSource source = blaster("source", missing.toString());
        try {
            source.open(new FakeSourceContext());
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("source") && e.getMessage().contains("missing.json"));
        }
    }

    @Test
    public void anEmptyFileIsRefused() throws Exception {
        BlasterSource source = blaster("source", file("").toString());
        try {
            source.open(new FakeSourceContext());
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("empty"));
        }
    }

    @Test
    public void validatesOptionsNamingThem() {
        expectRejected("source", blaster_("source", "  "));
        expectRejected("separator", blaster_("source", "f", "separator", ""));
        expectRejected("separator", blaster_("source", "f", "separator", "\\q"));
        expectRejected("iterations", blaster_("source", "f", "iterations", -1L));
        expectRejected("duration_s", blaster_("source", "f", "duration_s", -1L));
        expectRejected("rate", blaster_("source", "f", "rate", -5L));
        expectRejected("max_size_mb", blaster_("source", "f", "max_size_mb", 4096));
    }

    private static Runnable blaster_(Object... options) {
        return () -> blaster(options);
    }

    private static void expectRejected(String option, Runnable create) {
        try {
            create.run();
            fail(option + " accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(option));
        }
    }
}
