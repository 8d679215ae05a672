package io.weir.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.weir.benchmarks.load.LoadGenerator;
import io.weir.benchmarks.load.OutputVerifier;
import io.weir.benchmarks.load.SendResult;
import io.weir.benchmarks.workload.TcpJsonWorkload;

/**
 * Scenario 1: the TCP JSON workload over one loopback connection, through separate, json, the
 * scenario-1 pipeline, json and separate into a file. Timed from the first byte sent until every
 * surviving event is in the file; then the file is verified event by event.
 */
final class TcpJsonScenario extends Scenario {
    private static final String TEMPLATES = "tcp-json";
    /** What the pipeline sets {@code proc} to (see the template). */
    static final String PROC = "weir";
    private TcpJsonWorkload workload;

    TcpJsonScenario() {
        super("1", "tcp-json", "TCP JSON: one connection -> separate -> json -> drop debug, rename, add field -> json -> file");
    }

    @Override
    List<String> connectors() {
        return List.of("tcp", "file");
    }

    @Override
    List<Metric> metrics() {
        return List.of(Metric.EVENTS_PER_S, Metric.MB_PER_S, Metric.CORES, Metric.JIT_CORES, Metric.GC_CORES,
                Metric.PEAK_RSS_MB);
    }

    /**
     * Writes the scenario-1 flow (also scenario 5's) into a server's {@code etc/}.
     *
     * @param etc  the folder
     * @param port where the tcp_server source listens
     * @param out  the file the sink writes
     */
    static void writeConfiguration(Path etc, int port, Path out) throws IOException {
        Map<String, String> values = Map.of("PORT", Integer.toString(port), "OUT", out.toString(), "PROC", PROC);
        for (String template : List.of("weir.source.tcp_server-load.cfg", "weir.pipeline-scenario1.cfg",
                "weir.sink.file-out.cfg", "weir.flow-tcp_json.cfg")) {
            Templates.write(etc, TEMPLATES, template, values);
        }
    }

    @Override
    void prepare(HarnessOptions options) {
        workload = TcpJsonWorkload.generate(options.eventsOr(TcpJsonWorkload.SCENARIO_EVENTS));
    }

    @Override
    Measurement run(ServerRun server, HarnessOptions options) throws Exception {
        int port = freePort();
        Path out = server.root().resolve("out.json");
        writeConfiguration(server.etc(), port, out);
        long pid = start(server, options);
        long expected = workload.events() - workload.debugEvents();
        Measurement measurement = new Measurement();
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "load-generator"));
        try (CpuSampler cpu = new CpuSampler(pid); FileTail tail = new FileTail(out)) {
            // Start-up is excluded: the clock starts once the flow runs (and --settle-s later).
            awaitFlowRunning(server, "tcp_json", System.nanoTime() + TimeUnit.SECONDS.toNanos(options.startTimeoutS()));
            SocketChannel channel = LoadGenerator.connect(new InetSocketAddress("127.0.0.1", port),
                    Duration.ofSeconds(options.startTimeoutS()));
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.settleS()));
            Future<SendResult> sending = sender.submit(() -> new LoadGenerator(workload).send(channel, 0,
                    Duration.ofSeconds(options.timeoutS())));
            long done = awaitSurvivors(server, workload, tail, out,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutS()));
            SendResult sent = sent(sending, server);
            double seconds = (done - sent.firstByteNanos()) / 1e9;
            measurement.put(Metric.EVENTS_PER_S, sent.events() / seconds)
                    .put(Metric.MB_PER_S, sent.bytes() / seconds / 1e6)
                    .put(Metric.PEAK_RSS_MB, peakRssMb(pid));
            cpu.putCores(measurement, sent.firstByteNanos(), done);
            measurement.note(String.format("%,d events sent in %.3f s, all %,d survivors in the file after %.3f s",
                    sent.events(), sent.seconds(), expected, seconds));
        } finally {
            sender.shutdownNow();
        }
        verifyOutput(workload, out, measurement);
        return measurement;
    }

    /**
     * Waits until the file holds every event the pipeline keeps: until its last line is the last of them. The events
     * must arrive once and in order, which {@link #verifyOutput} checks afterwards, so that line comes last; looking
     * only at the file's end keeps the harness from reading the output during the measurement. A run that cannot
     * verify (an event repeated after the last one) waits for the timeout. On timeout or a read error, the message
     * says what the file holds.
     *
     * @return when they were all there ({@link System#nanoTime()})
     */
    static long awaitSurvivors(ServerRun server, TcpJsonWorkload workload, FileTail tail, Path out, long deadlineNanos)
            throws IOException, InterruptedException {
        long expected = workload.events() - workload.debugEvents();
        long last = workload.lastSurvivor();
        try {
            return await(server, expected + " events in " + out + " (the last with \"n\":" + last + ")", deadlineNanos,
                    5, () -> {
                        try {
                            return last < 0 || hasSequence(tail.lastLine(), last);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new IOException(e.getMessage() + System.lineSeparator() + "The file so far: "
                    + new OutputVerifier(workload.events(), PROC).verify(out), e);
        }
    }

    /** @return whether {@code line} (an output event, or null) has the member {@code "n"} with the value {@code n} */
    static boolean hasSequence(String line, long n) {
        if (line == null) {
            return false;
        }
        String member = "\"n\":" + n;
        for (int at = line.indexOf(member); at >= 0; at = line.indexOf(member, at + 1)) {
            int after = at + member.length();
            if (after < line.length() && (line.charAt(after) == ',' || line.charAt(after) == '}')) {
                return true;
            }
        }
        return false;
    }

    /** Checks the output file event by event; what is wrong becomes the measurement's problem. */
    static void verifyOutput(TcpJsonWorkload workload, Path out, Measurement measurement) throws IOException {
        OutputVerifier.Report report = new OutputVerifier(workload.events(), PROC).verify(out);
        if (!report.ok()) {
            measurement.problem(report.toString());
        }
    }

    /** @return what the load generator reports once it finished sending */
    static SendResult sent(Future<SendResult> sending, ServerRun server) throws IOException, InterruptedException {
        try {
            return sending.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the load generator failed: " + e.getCause().getMessage() + server.diagnostics(), e);
        } catch (TimeoutException e) {
            throw new IOException("the load generator did not finish after the events arrived" + server.diagnostics(), e);
        }
    }
}
