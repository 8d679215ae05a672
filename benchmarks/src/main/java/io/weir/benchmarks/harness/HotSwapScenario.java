package io.weir.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.weir.benchmarks.load.LoadGenerator;
import io.weir.benchmarks.load.SendResult;
import io.weir.benchmarks.workload.TcpJsonWorkload;

/**
 * Scenario 5: scenario 1 paced at {@code --rate} (default 200,000 events/s) while the file sink's
 * bundle is replaced {@code --swaps} times (default 20) by moving a newer jar of it over the old one in
 * {@code deploy/}, one swap after the other. Each newer jar is the same jar with a higher
 * {@code Bundle-Version}. Per swap: the pause to resume and the time from the move until the new version
 * serves events, both from {@code weir:swaps}; then the output file is verified (no loss, order).
 */
final class HotSwapScenario extends Scenario {
    private static final String FILE_BUNDLE = "io.weir.connector.file";
    /** The node whose plugin is swapped (see the tcp-json templates). */
    private static final String NODE = "sink/out";
    static final long DEFAULT_RATE = 200_000;
    /** Enough for 20 swaps a few hundred milliseconds apart, with margin; the events are held in memory. */
    static final int DEFAULT_EVENTS = 3_000_000;
    private TcpJsonWorkload workload;

    HotSwapScenario() {
        super("5", "hot-swap", "Hot swap under load: scenario 1 paced at --rate (default 200,000/s) while the file sink's"
                + " jar is replaced --swaps times (default 20)");
    }

    @Override
    List<String> connectors() {
        return List.of("tcp", "file");
    }

    @Override
    List<Metric> metrics() {
        return List.of(Metric.EVENTS_PER_S, Metric.SWAP_PAUSE_P50_MS, Metric.SWAP_PAUSE_MAX_MS,
                Metric.MOVE_TO_SERVING_P50_MS, Metric.MOVE_TO_SERVING_MAX_MS, Metric.CORES, Metric.JIT_CORES,
                Metric.GC_CORES, Metric.PEAK_RSS_MB);
    }

    @Override
    void prepare(HarnessOptions options) {
        workload = TcpJsonWorkload.generate(options.eventsOr(DEFAULT_EVENTS));
    }

    @Override
    Measurement run(ServerRun server, HarnessOptions options) throws Exception {
        int port = freePort();
        Path out = server.root().resolve("out.json");
        TcpJsonScenario.writeConfiguration(server.etc(), port, out);
        Path deployed = deployedJar(server);
        String original = BundleVersions.version(deployed);
        Path staging = Files.createDirectories(server.root().resolve("staging"));
        long rate = options.rateOr(DEFAULT_RATE);
        long pid = start(server, options);
        long expected = workload.events() - workload.debugEvents();
        Measurement measurement = new Measurement();
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "load-generator"));
        List<long[]> moves = new ArrayList<>();
        try (CpuSampler cpu = new CpuSampler(pid); FileTail tail = new FileTail(out);
                LogTail log = new LogTail(server.log())) {
            awaitFlowRunning(server, "tcp_json", System.nanoTime() + TimeUnit.SECONDS.toNanos(options.startTimeoutS()));
            SocketChannel channel = LoadGenerator.connect(new InetSocketAddress("127.0.0.1", port),
                    Duration.ofSeconds(options.startTimeoutS()));
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.settleS()));
            Future<SendResult> sending = sender.submit(() -> new LoadGenerator(workload).send(channel, rate,
                    Duration.ofSeconds(options.timeoutS())));
            // Let the flow run at its pace for a second before the first swap.
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            for (int i = 1; i <= options.swaps(); i++) {
                int n = i;
                String version = BundleVersions.newer(original, n);
                Path next = staging.resolve(deployed.getFileName());
                BundleVersions.copyWithVersion(deployed, next, version);
                long movedMillis = System.currentTimeMillis();
                // One atomic step over the old file, as an operator is told to (docs/lifecycle.md).
                Files.move(next, deployed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                String resumed = "to " + FILE_BUNDLE + " " + version + ", paused";
                String failed = FILE_BUNDLE + " " + version + " replaced";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.startTimeoutS());
                await(server, "swap " + n + " to " + version + " (the line '... " + resumed + " ...' in " + server.log()
                        + ")", deadline, 5, () -> {
                            String text = log.text();
                            if (text.contains(failed)) {
                                throw new UncheckedIOException(new IOException("swap " + n + " to " + version
                                        + " failed its first start; see " + server.log()));
                            }
                            return text.contains(resumed);
                        });
                moves.add(new long[] {movedMillis, sending.isDone() ? 1 : 0});
            }
            long done = TcpJsonScenario.awaitSurvivors(server, workload, tail, out,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutS()));
            SendResult sent = TcpJsonScenario.sent(sending, server);
            double seconds = (done - sent.firstByteNanos()) / 1e9;
            measurement.put(Metric.EVENTS_PER_S, sent.events() / seconds)
                    .put(Metric.PEAK_RSS_MB, peakRssMb(pid));
            cpu.putCores(measurement, sent.firstByteNanos(), done);
            measurement.note(String.format("%,d events sent at %,d/s in %.3f s, all %,d survivors in the file after %.3f s",
                    sent.events(), rate, sent.seconds(), expected, seconds));
            if (sent.events() / seconds < rate * 0.98) {
                measurement.note(String.format("paced at %,d events/s but %,.0f arrived per second: the flow did not keep up"
                        + " (backpressure slowed the sender)", rate, sent.events() / seconds));
            }
        } finally {
            sender.shutdownNow();
        }
        swapFigures(server, original, moves, measurement);
        TcpJsonScenario.verifyOutput(workload, out, measurement);
        return measurement;
    }

    /** Reads {@code weir:swaps} and puts each swap's pause and move-to-serving time in the measurement. */
    private static void swapFigures(ServerRun server, String original, List<long[]> moves, Measurement measurement)
            throws IOException, InterruptedException {
        List<ShellOutput.SwapRow> rows = new ArrayList<>(ShellOutput.swaps(server.shell("weir:swaps -n 0",
                Duration.ofSeconds(60)), ZoneId.systemDefault()));
        rows.removeIf(r -> !r.node().equals(NODE));
        rows.sort(Comparator.comparingLong(ShellOutput.SwapRow::startedMillis));
        if (rows.size() != moves.size()) {
            measurement.problem("weir:swaps lists " + rows.size() + " swaps of " + NODE + ", expected " + moves.size());
            return;
        }
        List<Double> pauses = new ArrayList<>();
        List<Double> serving = new ArrayList<>();
        StringBuilder perSwap = new StringBuilder("per swap (pause / move to serving, ms):");
        for (int i = 0; i < rows.size(); i++) {
            ShellOutput.SwapRow row = rows.get(i);
            String version = BundleVersions.newer(original, i + 1);
            if (!row.outcome().equals("resumed") || !row.toVersion().equals(version)) {
                measurement.problem("swap " + (i + 1) + " to " + version + ": weir:swaps says " + row.outcome()
                        + " to " + row.toVersion());
                continue;
            }
            if (moves.get(i)[1] != 0) {
                measurement.problem("swap " + (i + 1) + " ended after the load had been sent: not under load; give more"
                        + " --events");
            }
            double toServing = row.resumedMillis() - moves.get(i)[0];
            pauses.add(row.pauseMillis());
            serving.add(toServing);
            perSwap.append(String.format(java.util.Locale.ROOT, " %.0f/%.0f", row.pauseMillis(), toServing));
        }
        measurement.put(Metric.SWAP_PAUSE_P50_MS, Stats.median(pauses))
                .put(Metric.SWAP_PAUSE_MAX_MS, pauses.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))
                .put(Metric.MOVE_TO_SERVING_P50_MS, Stats.median(serving))
                .put(Metric.MOVE_TO_SERVING_MAX_MS, serving.stream().mapToDouble(Double::doubleValue).max()
                        .orElse(Double.NaN));
        measurement.note(perSwap.toString());
    }

    /** @return the file sink's jar in the run's {@code deploy/} */
    private static Path deployedJar(ServerRun server) throws IOException {
        Path deploy = server.deploy();
        try (Stream<Path> jars = Files.list(deploy)) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
                if (FILE_BUNDLE.equals(ServerRun.symbolicName(jar))) {
                    return jar;
                }
            }
        }
        throw new IOException("no " + FILE_BUNDLE + " jar in " + deploy + " to swap (the scenario swaps it in deploy/,"
                + " not in system/)");
    }

    /** The text appended to a log file since it was opened (read as it grows). */
    private static final class LogTail implements AutoCloseable {
        private final Path file;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final StringBuilder text = new StringBuilder();
        private FileChannel channel;

        LogTail(Path file) {
            this.file = file;
        }

        String text() {
            try {
                if (channel == null) {
                    if (!Files.exists(file)) {
                        return "";
                    }
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
                while (channel.read(buffer.clear()) > 0) {
                    text.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                }
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
