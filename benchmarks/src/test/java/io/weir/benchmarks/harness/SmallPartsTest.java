package io.weir.benchmarks.harness;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SmallPartsTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void scenarioOnesConfigurationIsFilledInCompletely() throws IOException {
        // Scenarios 1 and 5 run this flow: a placeholder left unfilled fails every run of both.
        Path etc = folder.newFolder("etc").toPath();
        Path out = folder.getRoot().toPath().resolve("out.json");
        TcpJsonScenario.writeConfiguration(etc, 4711, out);
        String all = "";
        try (var files = Files.list(etc)) {
            for (Path file : files.sorted().toList()) {
                all += Files.readString(file);
            }
        }
        assertFalse(all, all.matches("(?s).*@[A-Z_]+@.*"));
        assertTrue(all, all.contains("4711"));
        assertTrue(all, all.contains(out.toString()));
        assertTrue(all, all.contains("\"" + TcpJsonScenario.PROC + "\""));
    }

    @Test
    public void medianOfOddAndEvenCountsLeavesNaNOut() {
        assertEquals(2.0, Stats.median(List.of(3.0, 1.0, 2.0)), 0);
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)), 0);
        assertEquals(2.0, Stats.median(List.of(Double.NaN, 2.0)), 0);
        assertTrue(Double.isNaN(Stats.median(List.of())));
    }

    @Test
    public void statFieldsSurviveACommandNameWithSpacesAndParentheses() {
        String[] fields = Proc.parseStat("1234 (a (b) c) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 30 0 0 20 0 9 0 5000 "
                + "1000000 200 18446744073709551615\n");
        assertEquals("S", fields[0]);
        assertEquals("250", fields[11]);
        assertEquals("30", fields[12]);
        assertEquals("5000", fields[19]);
    }

    @Test
    public void ownProcessHasCpuTimeAndMemory() throws IOException {
        long pid = ProcessHandle.current().pid();
        assertTrue(Proc.cpuTicks(pid) > 0);
        assertTrue(Proc.statusBytes(pid, "VmHWM") > 1024 * 1024);
        assertTrue(Proc.startTicks(pid) / Proc.clockTicksPerSecond() <= Proc.uptimeSeconds());
    }

    @Test
    public void cpuSamplerSeesABusyThread() {
        try (CpuSampler sampler = new CpuSampler(ProcessHandle.current().pid())) {
            long start = System.nanoTime();
            long spin = 0;
            while (System.nanoTime() - start < 600_000_000L) {
                spin += Arrays.hashCode(new int[] {(int) spin});
            }
            long end = System.nanoTime();
            assertTrue("spin " + spin, sampler.coresBetween(start, end) > 0.1);
            assertTrue(Double.isNaN(sampler.coresBetween(start - 1_000_000_000L, end)));
        }
    }

    @Test
    public void fileTailReadsTheLastCompleteLineAsTheFileGrows() throws IOException {
        Path file = folder.getRoot().toPath().resolve("out.txt");
        try (FileTail tail = new FileTail(file)) {
            assertNull(tail.lastLine());
            Files.writeString(file, "a");
            assertNull(tail.lastLine());
            Files.writeString(file, "\nbb\nc", java.nio.file.StandardOpenOption.APPEND);
            assertEquals("bb", tail.lastLine());
            Files.writeString(file, "cc\n", java.nio.file.StandardOpenOption.APPEND);
            assertEquals("ccc", tail.lastLine());
            // Past the bytes it reads: only the file's end counts, the longest line it finds has the newline before it among them.
            String longest = "x".repeat(FileTail.TAIL_BYTES - 2);
            Files.writeString(file, "y".repeat(3 * FileTail.TAIL_BYTES) + "\n" + longest + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            assertEquals(longest, tail.lastLine());
            Files.writeString(file, "\n", java.nio.file.StandardOpenOption.APPEND);
            assertEquals("", tail.lastLine());
            Files.writeString(file, "z".repeat(FileTail.TAIL_BYTES) + "\n", java.nio.file.StandardOpenOption.APPEND);
            try {
                tail.lastLine();
                throw new AssertionError("a line longer than the tail read should be refused");
            } catch (IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("longer than the " + FileTail.TAIL_BYTES));
            }
        }
    }

    @Test
    public void theLastSurvivorIsKnownByItsWholeSequenceNumber() {
        String line = "{\"ts\":1,\"host\":\"h\",\"msg\":\"a b\",\"n\":1999,\"severity\":\"info\",\"proc\":\"weir\"}";
        assertTrue(TcpJsonScenario.hasSequence(line, 1999));
        assertFalse(TcpJsonScenario.hasSequence(line, 199));
        assertFalse(TcpJsonScenario.hasSequence(line, 19990));
        assertTrue(TcpJsonScenario.hasSequence("{\"n\":7}", 7));
        assertFalse(TcpJsonScenario.hasSequence("{\"n\":7", 7));
        assertFalse(TcpJsonScenario.hasSequence(null, 7));
    }

    @Test
    public void templatesAreFilledAndUnknownValuesNamed() throws IOException {
        assertEquals("port = 4000\n", Templates.fill("port = @PORT@\n", Map.of("PORT", "4000"), "t"));
        try {
            Templates.fill("path = @OUT@", Map.of(), "/scenarios/x/y.cfg");
            throw new AssertionError("should have been refused");
        } catch (IllegalArgumentException e) {
            assertEquals("/scenarios/x/y.cfg uses @OUT@, which the harness does not set", e.getMessage());
        }
    }

    @Test
    public void everyScenarioTemplateFillsWithTheValuesItsScenarioGives() throws IOException {
        Path etc = folder.newFolder("etc").toPath();
        Templates.write(etc, "tcp-json", "weir.pipeline-scenario1.cfg", Map.of("PROC", "weir"));
        for (String t : List.of("weir.source.tcp_server-load.cfg", "weir.sink.file-out.cfg", "weir.flow-tcp_json.cfg")) {
            Templates.write(etc, "tcp-json", t, Map.of("PORT", "1", "OUT", "/o", "PROC", "weir"));
        }
        Map<String, String> blaster = new HashMap<>();
        for (String key : List.of("ID", "DATA", "RATE", "BLAST_S", "WARMUP_S", "DURATION_S", "REPORT")) {
            blaster.put(key, key.equals("ID") ? "_3" : "1");
        }
        for (String t : List.of("weir.source.blaster-replay@ID@.cfg", "weir.sink.blackhole-measure@ID@.cfg",
                "weir.flow-replay@ID@.cfg")) {
            Templates.write(etc, "blaster", t, blaster);
        }
        Templates.write(etc, "blaster", "weir.sink.blackhole-errors.cfg", Map.of("ERRORS_REPORT", "/e"));
        for (String t : List.of("weir.source.metronome-tick.cfg", "weir.sink.stdio-console.cfg", "weir.flow-startup.cfg")) {
            Templates.write(etc, "startup", t, Map.of());
        }
        String[] written;
        try (var files = Files.list(etc)) {
            written = files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
        assertArrayEquals(new String[] {"weir.flow-replay_3.cfg", "weir.flow-startup.cfg", "weir.flow-tcp_json.cfg",
            "weir.pipeline-scenario1.cfg", "weir.sink.blackhole-errors.cfg", "weir.sink.blackhole-measure_3.cfg",
            "weir.sink.file-out.cfg", "weir.sink.stdio-console.cfg", "weir.source.blaster-replay_3.cfg",
            "weir.source.metronome-tick.cfg", "weir.source.tcp_server-load.cfg"}, written);
        String flow = Files.readString(etc.resolve("weir.flow-replay_3.cfg"));
        assertTrue(flow, flow.contains("source/replay_3 -> sink/measure_3"));
        assertFalse(flow, flow.contains("@"));
        assertTrue(Files.readString(etc.resolve("weir.pipeline-scenario1.cfg")).contains("set.proc = \"weir\""));
    }

    @Test
    public void optionsHaveDefaultsAndNameWhatIsWrong() {
        HarnessOptions options = HarnessOptions.parse(new String[] {"1", "--repo", "/r", "--runs", "5"});
        assertEquals(List.of("1"), options.scenarios());
        assertEquals(5, options.runs());
        assertEquals(Path.of("/r/runtime/distribution/target/weir"), options.distribution());
        assertEquals(2_000_000, options.eventsOr(2_000_000));
        assertEquals(100_000, options.rateOr(100_000));
        assertEquals(200_000, options.rateOr(200_000));
        assertEquals(20, options.swaps());
        HarnessOptions given = HarnessOptions.parse(new String[] {"5", "--repo", "/r", "--rate", "50000", "--events",
            "1000", "--swaps", "3"});
        assertEquals(50_000, given.rateOr(200_000));
        assertEquals(1000, given.eventsOr(2_000_000));
        assertEquals(3, given.swaps());
        assertEquals(null, options.compare());
        for (String[] wrong : List.of(new String[] {"1", "--repo", "/r", "--runs", "0"},
                new String[] {"1", "--repo", "/r", "--bogus", "1"}, new String[] {"--repo", "/r"},
                new String[] {"1", "--runs"})) {
            try {
                HarnessOptions.parse(wrong);
                throw new AssertionError("accepted " + Arrays.toString(wrong));
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage().isEmpty());
            }
        }
    }

    @Test
    public void scenariosAreChosenByNumberOrName() {
        assertEquals(List.of("tcp-json", "latency"),
                Harness.select(List.of("1", "latency")).stream().map(Scenario::name).toList());
        assertEquals(List.of("1", "2", "3", "4", "5", "6"),
                Harness.select(List.of("all")).stream().map(Scenario::number).toList());
        assertEquals("hot-swap", Harness.select(List.of("5")).get(0).name());
        try {
            Harness.select(List.of("7"));
            throw new AssertionError("scenario 7 does not exist");
        } catch (IllegalArgumentException e) {
            assertEquals("no scenario '7'", e.getMessage());
        }
    }

    @Test
    public void onlyManyFlowsIsComparedWithOneFlowMeasuredNextToIt() {
        HarnessOptions hundred = HarnessOptions.parse(new String[] {"4", "--dist", "/nowhere"});
        HarnessOptions one = HarnessOptions.parse(new String[] {"4", "--dist", "/nowhere", "--flows", "1"});
        BlasterScenario manyFlows = (BlasterScenario) Harness.select(List.of("many-flows")).get(0);
        BlasterScenario reference = (BlasterScenario) manyFlows.reference(hundred);
        assertEquals("many-flows", reference.name());
        assertEquals(100, manyFlows.flows(hundred));
        assertEquals("the reference is one flow, whatever --flows says", 1, reference.flows(hundred));
        assertNull("a reference has none of its own", reference.reference(hundred));
        assertNull("one flow is its own reference", manyFlows.reference(one));
        for (Scenario other : Harness.select(List.of("1", "2", "3", "5", "6"))) {
            assertNull(other.name(), other.reference(hundred));
        }

        manyFlows.prepare(hundred);
        reference.prepare(hundred);
        assertTrue(manyFlows.metrics().containsAll(List.of(Metric.REFERENCE_EVENTS_PER_S, Metric.OF_REFERENCE)));
        assertFalse(reference.metrics().contains(Metric.OF_REFERENCE));
        manyFlows.prepare(one);
        assertFalse("no reference, no columns for it", manyFlows.metrics().contains(Metric.OF_REFERENCE));
    }

    @Test
    public void referencesGoAfterTheirRunAndBeforeItInTurn() {
        assertFalse(Harness.referenceFirst(1));
        assertTrue(Harness.referenceFirst(2));
        assertFalse(Harness.referenceFirst(3));
        assertTrue(Harness.referenceFirst(4));
    }

    @Test
    public void aRunIsRelatedToItsReference() {
        Measurement run = new Measurement().put(Metric.EVENTS_PER_S, 600_000);
        Harness.relate(run, new Measurement().put(Metric.EVENTS_PER_S, 800_000));
        assertEquals(800_000, run.values().get(Metric.REFERENCE_EVENTS_PER_S), 0);
        assertEquals(0.75, run.values().get(Metric.OF_REFERENCE), 1e-9);
        assertTrue(run.problems().isEmpty());

        Measurement failedReference = new Measurement().put(Metric.EVENTS_PER_S, 800_000);
        failedReference.problem("a blackhole measured no events");
        Measurement other = new Measurement().put(Metric.EVENTS_PER_S, 600_000);
        Harness.relate(other, failedReference);
        assertEquals(List.of("its one-flow reference run failed: a blackhole measured no events"), other.problems());
        assertFalse(other.values().containsKey(Metric.OF_REFERENCE));

        Measurement stalled = new Measurement().put(Metric.EVENTS_PER_S, 600_000);
        Harness.relate(stalled, new Measurement().put(Metric.EVENTS_PER_S, 0));
        assertEquals(List.of("no share of one flow: 600,000 events/s against the reference's 0"), stalled.problems());
        Measurement unmeasured = new Measurement();
        Harness.relate(unmeasured, new Measurement().put(Metric.EVENTS_PER_S, 800_000));
        assertEquals(List.of("no share of one flow: - events/s against the reference's 800,000"),
                unmeasured.problems());
    }
}
