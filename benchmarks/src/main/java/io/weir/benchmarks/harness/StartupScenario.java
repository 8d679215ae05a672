package io.weir.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 6: from the server process's start (its start time in {@code /proc}) until a metronome's
 * first tick has gone through a flow to the stdio sink and shows in the console log; then the
 * resident memory once the server has idled for {@code --idle-s} seconds with that one slow flow.
 */
final class StartupScenario extends Scenario {
    private static final String TEMPLATES = "startup";
    private static final String MARKER = "\"onramp\":\"metronome\"";

    StartupScenario() {
        super("6", "startup", "Start-up: JVM start -> first metronome tick on stdout; resident memory when idle");
    }

    @Override
    List<String> connectors() {
        return List.of("metronome", "stdio");
    }

    @Override
    List<Metric> metrics() {
        return List.of(Metric.STARTUP_MS, Metric.IDLE_RSS_MB, Metric.PEAK_RSS_MB);
    }

    @Override
    Measurement run(ServerRun server, HarnessOptions options) throws Exception {
        for (String template : List.of("weir.source.metronome-tick.cfg", "weir.sink.stdio-console.cfg",
                "weir.flow-startup.cfg")) {
            Templates.write(server.etc(), TEMPLATES, template, Map.of());
        }
        Path console = server.consoleLog();
        long launched = System.nanoTime();
        server.startAsync();
        long deadline = launched + TimeUnit.SECONDS.toNanos(options.startTimeoutS());
        double[] uptimeAtTick = new double[1];
        long seen = await(server, "the first tick in " + console, deadline, 5, () -> {
            try {
                if (Files.exists(console) && Files.readString(console, StandardCharsets.UTF_8).contains(MARKER)) {
                    uptimeAtTick[0] = Proc.uptimeSeconds();
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long pid = server.awaitStarted(Duration.ofSeconds(options.startTimeoutS()));
        double jvmStart = (double) Proc.startTicks(pid) / Proc.clockTicksPerSecond();
        Measurement measurement = new Measurement();
        measurement.put(Metric.STARTUP_MS, (uptimeAtTick[0] - jvmStart) * 1000);
        measurement.note(String.format("from launching bin/weir start to the first tick: %.0f ms (includes the "
                + "script's Java version check)", (seen - launched) / 1e6));
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.idleS()));
        measurement.put(Metric.IDLE_RSS_MB, statusMb(pid, "VmRSS")).put(Metric.PEAK_RSS_MB, peakRssMb(pid));
        return measurement;
    }
}
