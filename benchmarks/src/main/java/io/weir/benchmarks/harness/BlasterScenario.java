package io.weir.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenarios 2, 3 and 4: blasters replay Tremor's {@code data.json.xz} (separate, json decode) into
 * blackholes (json encode, separate) that measure throughput and latency after a warm-up. Every
 * flow's {@code err} port leads to one more blackhole, which must receive nothing.
 */
final class BlasterScenario extends Scenario {
    private static final String TEMPLATES = "blaster";
    /** Scenario 3's pace when {@code --rate} is not given. */
    static final long LATENCY_RATE = 100_000;
    private final Mode mode;
    /** Scenario 4's flows when fixed (its one-flow reference), 0 for {@code --flows}. */
    private final int fixedFlows;
    /** Whether runs are compared with a reference, known once {@link #prepare} saw the options. */
    private boolean referenced;

    /** The three variants. */
    enum Mode {
        /** One flow as fast as it goes. */
        PASSTHROUGH,
        /** One flow paced at {@code --rate}. */
        LATENCY,
        /** {@code --flows} flows at once, each as fast as it goes. */
        MANY_FLOWS
    }

    BlasterScenario(Mode mode) {
        this(mode, 0);
    }

    private BlasterScenario(Mode mode, int fixedFlows) {
        super(mode == Mode.PASSTHROUGH ? "2" : mode == Mode.LATENCY ? "3" : "4",
                mode == Mode.PASSTHROUGH ? "passthrough" : mode == Mode.LATENCY ? "latency" : "many-flows",
                mode == Mode.PASSTHROUGH ? "Pass-through: blaster data.json.xz -> separate -> json -> json -> blackhole"
                        : mode == Mode.LATENCY ? "Latency: pass-through paced at --rate events/s (default 100,000)"
                        : "Many flows: --flows pass-through flows at once (default 100); aggregate throughput against one flow alone");
        this.mode = mode;
        this.fixedFlows = fixedFlows;
    }

    /**
     * Scenario 4's target compares its flows with one flow: one such flow alone, measured the same way (the
     * sinks' counters over the same window) on the same build, next to each run.
     */
    @Override
    Scenario reference(HarnessOptions options) {
        return mode == Mode.MANY_FLOWS && fixedFlows == 0 && options.flows() > 1 ? new BlasterScenario(mode, 1) : null;
    }

    @Override
    void prepare(HarnessOptions options) {
        referenced = reference(options) != null;
    }

    /** @return the flows a run starts */
    int flows(HarnessOptions options) {
        return mode != Mode.MANY_FLOWS ? 1 : fixedFlows > 0 ? fixedFlows : options.flows();
    }

    @Override
    List<String> connectors() {
        return List.of("blaster", "blackhole");
    }

    @Override
    List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>(List.of(Metric.EVENTS_PER_S, Metric.MB_PER_S, Metric.CORES,
                Metric.JIT_CORES, Metric.GC_CORES, Metric.PEAK_RSS_MB, Metric.P50_MS, Metric.P99_MS, Metric.P999_MS,
                Metric.MAX_MS));
        if (referenced) {
            metrics.addAll(1, List.of(Metric.REFERENCE_EVENTS_PER_S, Metric.OF_REFERENCE));
        }
        return metrics;
    }

    @Override
    Measurement run(ServerRun server, HarnessOptions options) throws Exception {
        int flows = flows(options);
        Path data = extract(server, "data.json.xz");
        List<Path> reports = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            String id = flows == 1 ? "" : "_" + i;
            Path report = server.root().resolve("report" + id + ".txt");
            reports.add(report);
            Map<String, String> values = new HashMap<>();
            values.put("ID", id);
            values.put("DATA", data.toString());
            values.put("RATE", Long.toString(mode == Mode.LATENCY ? options.rateOr(LATENCY_RATE) : 0));
            // The replay outlasts starting every flow and the measurement: a first flow that finished its replay
            // before the last one started would never count as running.
            values.put("BLAST_S", Long.toString(options.startTimeoutS() + options.warmupS() + options.durationS()
                    + options.timeoutS()));
            values.put("WARMUP_S", Long.toString(options.warmupS()));
            values.put("DURATION_S", Long.toString(options.durationS()));
            values.put("REPORT", report.toString());
            for (String template : List.of("weir.source.blaster-replay@ID@.cfg", "weir.sink.blackhole-measure@ID@.cfg",
                    "weir.flow-replay@ID@.cfg")) {
                Templates.write(server.etc(), TEMPLATES, template, values);
            }
        }
        Templates.write(server.etc(), TEMPLATES, "weir.sink.blackhole-errors.cfg",
                Map.of("ERRORS_REPORT", errorsReport(server).toString()));
        long pid = start(server, options);
        Measurement measurement = new Measurement();
        try (CpuSampler cpu = new CpuSampler(pid)) {
            long[] common = mode == Mode.MANY_FLOWS ? commonWindow(server, options, flows) : null;
            long deadline = System.nanoTime()
                    + TimeUnit.SECONDS.toNanos(options.warmupS() + options.durationS() + options.timeoutS());
            // Each report's arrival is noted as it happens: a blackhole's window ends when its report appears.
            long[] seen = new long[reports.size()];
            await(server, reports.size() == 1 ? "the blackhole report " + reports.get(0)
                    : "the reports of " + reports.size() + " blackholes in " + server.root(), deadline, 50, () -> {
                        boolean all = true;
                        for (int i = 0; i < seen.length; i++) {
                            if (seen[i] == 0 && Files.exists(reports.get(i))) {
                                seen[i] = System.nanoTime();
                            }
                            all &= seen[i] != 0;
                        }
                        return all;
                    });
            List<BlackholeReport> parsed = new ArrayList<>();
            long windowStart = Long.MAX_VALUE;
            long windowEnd = 0;
            for (int i = 0; i < seen.length; i++) {
                BlackholeReport summary = BlackholeReport.parse(Files.readString(reports.get(i), StandardCharsets.UTF_8));
                parsed.add(summary);
                windowStart = Math.min(windowStart, seen[i] - (long) (summary.seconds() * 1e9));
                windowEnd = Math.max(windowEnd, seen[i]);
            }
            summarise(parsed, measurement, options);
            if (common != null) {
                // Throughput over one window in which every flow ran; the blackholes' own windows differ per flow.
                double seconds = (common[3] - common[1]) / 1e9;
                double eventsPerSecond = (common[2] - common[0]) / seconds;
                long events = parsed.stream().mapToLong(BlackholeReport::events).sum();
                long bytes = parsed.stream().mapToLong(BlackholeReport::bytes).sum();
                measurement.put(Metric.EVENTS_PER_S, eventsPerSecond)
                        .put(Metric.MB_PER_S, events == 0 ? Double.NaN : eventsPerSecond * bytes / events / 1e6);
                windowStart = common[1];
                windowEnd = common[3];
                measurement.note(flows == 1
                        ? String.format("throughput: the sink's in counter (weir:stats) over %.1f s once the flow ran",
                                seconds)
                        : String.format("throughput: the sinks' in counters (weir:stats) over %.1f s once all %d "
                                + "flows ran; latency: p50 is the median of the flows' p50, the others the worst flow's",
                                seconds, flows));
            }
            cpu.putCores(measurement, windowStart, windowEnd);
            measurement.put(Metric.PEAK_RSS_MB, peakRssMb(pid));
        }
        return measurement;
    }

    /**
     * Waits until every flow runs, then reads the sinks' counters after {@code --warmup-s} and again
     * {@code --duration-s} later.
     *
     * @return events counted and the time of each reading: {count1, nanos1, count2, nanos2}
     */
    private static long[] commonWindow(ServerRun server, HarnessOptions options, int flows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.startTimeoutS() + options.timeoutS());
        // PAUSED counts as started: a sink that cannot keep up pauses its flow's source now and then.
        Map<String, String> states = Map.of();
        while (states.values().stream().filter(s -> s.equals("RUNNING") || s.equals("PAUSED")).count() < flows) {
            if (System.nanoTime() - deadline > 0) {
                List<String> notStarted = states.entrySet().stream().filter(e -> !e.getValue().equals("RUNNING")
                        && !e.getValue().equals("PAUSED")).map(e -> e.getKey() + " " + e.getValue()).limit(10).toList();
                throw new IOException("not every flow had started in time; weir:flows lists " + states.size()
                        + " flows, not started among them: " + notStarted + server.diagnostics());
            }
            // Not more often: each look renders every flow, which competes with the flows still starting.
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
            states = ShellOutput.flowStates(server.shell("weir:flows", Duration.ofSeconds(60)));
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.warmupS()));
        long[] first = sinkEvents(server);
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.durationS()));
        long[] second = sinkEvents(server);
        return new long[] {first[0], first[1], second[0], second[1]};
    }

    /** @return {events taken by the measuring sinks, when} (the midpoint of the shell call) */
    private static long[] sinkEvents(ServerRun server) throws Exception {
        long before = System.nanoTime();
        String stats = server.shell("weir:stats", Duration.ofSeconds(60));
        long after = System.nanoTime();
        return new long[] {ShellOutput.sumIn(stats, "sink/measure"), before + (after - before) / 2};
    }

    private void summarise(List<BlackholeReport> reports, Measurement measurement, HarnessOptions options) {
        double events = 0;
        double megabytes = 0;
        List<Double> medians = new ArrayList<>();
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        double max = Double.NaN;
        for (BlackholeReport report : reports) {
            if (report.events() == 0) {
                measurement.problem("a blackhole measured no events");
                continue;
            }
            events += report.eventsPerSecond();
            megabytes += report.megabytesPerSecond();
            medians.add(report.latencyMillis("p50"));
            p99 = maxOf(p99, report.latencyMillis("p99"));
            p999 = maxOf(p999, report.latencyMillis("p99.9"));
            max = maxOf(max, report.latencyMillis("max"));
        }
        measurement.put(Metric.EVENTS_PER_S, events).put(Metric.MB_PER_S, megabytes)
                .put(Metric.P50_MS, Stats.median(medians)).put(Metric.P99_MS, p99).put(Metric.P999_MS, p999)
                .put(Metric.MAX_MS, max);
        if (mode == Mode.LATENCY && events < options.rateOr(LATENCY_RATE) * 0.98) {
            measurement.note(String.format("paced at %,d events/s but %,.0f arrived per second: the flow did not keep up",
                    options.rateOr(LATENCY_RATE), events));
        }
    }

    private static double maxOf(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static Path errorsReport(ServerRun server) {
        return server.root().resolve("errors-report.txt");
    }

    /** The errors blackhole reports when it closes, so this check follows the stop. */
    @Override
    void afterStop(ServerRun server, Measurement measurement) {
        Path report = errorsReport(server);
        try {
            if (!Files.exists(report)) {
                measurement.problem("the err blackhole left no report at " + report + " (the server did not stop "
                        + "cleanly?), so decode errors cannot be ruled out");
                return;
            }
            BlackholeReport errors = BlackholeReport.parse(Files.readString(report, StandardCharsets.UTF_8));
            long failed = errors.events() + errors.ignored();
            if (failed > 0) {
                measurement.problem(failed + " events went to an err port");
            }
        } catch (IOException | IllegalArgumentException e) {
            measurement.problem("the err blackhole's report " + report + " is unreadable: " + e.getMessage());
        }
    }
}
