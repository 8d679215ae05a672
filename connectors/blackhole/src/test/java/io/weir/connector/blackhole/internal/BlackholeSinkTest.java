package io.weir.connector.blackhole.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSinkContext;
import io.weir.connector.testkit.FakeSinkEvent;
import io.weir.connector.testkit.Threads;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BlackholeSinkTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private BlackholeSink blackhole(Object... options) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        return new BlackholeSink(Configs.of(BlackholeConfig.class, map), () -> out);
    }

    /** An event that entered the server {@code agoMicros} ago, with one frame of {@code bytes} bytes. */
    private static FakeSinkEvent event(long sequence, long agoMicros, int bytes) {
        Event event = new Event(new EventId("src", 0, sequence, sequence),
                System.nanoTime() - agoMicros * 1_000, Map.of("n", sequence), Map.of());
        return new FakeSinkEvent(event, List.of(new byte[bytes]));
    }

    @Test
    public void reportsOnCloseToStandardOutputAndTheReportFile() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("reports/run-1.txt");
        BlackholeSink sink = blackhole("report_file", file.toString());
        sink.open(new FakeSinkContext());
        for (int i = 0; i < 100; i++) {
            sink.write(event(i, 2_000, 100));
        }
        sink.flush();
        sink.close();
        Report report = sink.lastReport();
        assertNotNull(report);
        assertEquals(100, report.events());
        assertTrue("latency is at least the 2 ms since ingest", report.latencyMicros(50) >= 1_980);
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed, printed.contains("Blackhole test: 100 events, 10000 bytes of frames"));
        assertEquals(printed, Files.readString(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals("no temporary file left", List.of(file), files.toList());
        }
    }

    @Test
    public void aBatchCountsAsTheEventsItStandsFor() throws Exception {
        BlackholeSink sink = blackhole();
        sink.open(new FakeSinkContext());
        Event batch = new Event(List.of(new EventId("src", 0, 0, 0), new EventId("src", 0, 1, 1),
                new EventId("src", 0, 2, 2)), System.nanoTime(), List.of(), Map.of());
        sink.write(new FakeSinkEvent(batch, List.of(new byte[30])));
        sink.close();
        assertEquals(3, sink.lastReport().events());
    }

    @Test
    public void reportsWhenTheStopTimeElapsesWithoutFurtherEvents() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("report.txt");
        BlackholeSink sink = blackhole("stop_after_s", 1L, "report_file", file.toString());
        sink.open(new FakeSinkContext());
        sink.write(event(0, 10, 50));
        sink.write(event(1, 10, 50));
        sink.flush();
        assertTrue("the stop thread runs", Threads.isAlive("weir-blackhole-test"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue("report written after stop_after_s", Files.exists(file));
        String report = Files.readString(file);
        assertTrue(report, report.contains("2 events, 100 bytes of frames in 1.000 s"));
        assertTrue(report, report.contains("Throughput (events): 2.0 events/s"));

        sink.write(event(2, 10, 50)); // after the stop: acknowledged, not measured
        sink.close();
        assertFalse(Threads.isAlive("weir-blackhole-test"));
        assertEquals("printed once", 1, stdout.toString(StandardCharsets.UTF_8).split("Throughput \\(events\\)").length - 1);
        assertEquals(report, Files.readString(file));
    }

    @Test
    public void closeBeforeTheStopTimeEndsTheThreadAndReports() throws Exception {
        BlackholeSink sink = blackhole("stop_after_s", 3600L);
        sink.open(new FakeSinkContext());
        sink.write(event(0, 10, 5));
        sink.write(event(1, 10, 5));
        assertTrue(Threads.isAlive("weir-blackhole-test"));
        long start = System.nanoTime();
        sink.close();
        assertTrue("close is quick", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        assertFalse(Threads.isAlive("weir-blackhole-test"));
        assertEquals(2, sink.lastReport().events());
    }

    @Test
    public void closeWithoutEventsSaysSo() throws Exception {
        BlackholeSink sink = blackhole();
        sink.open(new FakeSinkContext());
        sink.close();
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("no events measured"));
    }

    @Test
    public void aReportFileThatCannotBeWrittenFailsTheCloseNamingTheOption() throws Exception {
        Path blocker = tmp.newFile("not-a-folder").toPath();
        BlackholeSink sink = blackhole("report_file", blocker.resolve("report.txt").toString());
        sink.open(new FakeSinkContext());
        sink.write(event(0, 10, 5));
        try {
            sink.close();
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("report_file"));
        }
        assertTrue("still printed", stdout.toString(StandardCharsets.UTF_8).contains("1 events"));
    }

    @Test
    public void eachOpeningMeasuresAfresh() throws Exception {
        BlackholeSink sink = blackhole();
        sink.open(new FakeSinkContext());
        sink.write(event(0, 10, 5));
        sink.close();
        sink.open(new FakeSinkContext());
        sink.write(event(1, 10, 5));
        sink.write(event(2, 10, 5));
        sink.close();
        assertEquals(2, sink.lastReport().events());
    }

    @Test
    public void validatesOptionsNamingThem() throws IOException {
        Path folder = tmp.newFolder().toPath();
        expectRejected("warmup_s", () -> blackhole("warmup_s", -1L));
        expectRejected("stop_after_s", () -> blackhole("stop_after_s", -2L));
        expectRejected("report_file", () -> blackhole("report_file", folder.toString()));
        expectRejected("significant_digits", () -> blackhole("significant_digits", 6));
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
