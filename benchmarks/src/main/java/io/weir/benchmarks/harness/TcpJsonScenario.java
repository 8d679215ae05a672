package io.weir.benchmarks.harness;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
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
    /** {@code --rounds}: with more than one, the table shows the warm rounds' figure. */
    private int rounds = 1;

    TcpJsonScenario() {
        super("1", "tcp-json", "TCP JSON: one connection -> separate -> json -> drop debug, rename, add field -> json -> file");
    }

    @Override
    List<String> connectors() {
        return List.of("tcp", "file");
    }

    @Override
    List<Metric> metrics() {
        List<Metric> metrics = List.of(Metric.EVENTS_PER_S, Metric.MB_PER_S, Metric.CORES, Metric.JIT_CORES,
                Metric.GC_CORES, Metric.PEAK_RSS_MB);
        if (rounds == 1) {
            return metrics;
        }
        List<Metric> withWarm = new ArrayList<>(metrics);
        withWarm.add(Metric.WARM_EVENTS_PER_S);
        return withWarm;
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
        rounds = options.rounds();
    }

    @Override
    Measurement run(ServerRun server, HarnessOptions options) throws Exception {
        int port = freePort();
        Path out = server.root().resolve("out.json");
        writeConfiguration(server.etc(), port, out);
        long pid = start(server, options);
        long expected = workload.events() - workload.debugEvents();
        Measurement measurement = new Measurement();
        long roundBytes;
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
            roundBytes = Files.size(out);
            if (options.rounds() > 1) {
                warmRounds(server, options, port, out, tail, sender, roundBytes, measurement);
            }
        } finally {
            sender.shutdownNow();
        }
        if (options.rounds() > 1) {
            verifyRounds(workload, out, options.rounds(), roundBytes, measurement);
        } else {
            verifyOutput(workload, out, measurement);
        }
        return measurement;
    }

    /**
     * Sends the workload again, {@code --rounds} - 1 times, each over a new connection once the round before is in
     * the file: the same events through a server whose code the JIT has compiled. The output is the same bytes each
     * round, so a round is complete when the file has grown by the first round's size.
     */
    private void warmRounds(ServerRun server, HarnessOptions options, int port, Path out, FileTail tail,
            ExecutorService sender, long roundBytes, Measurement measurement) throws Exception {
        List<Double> rates = new ArrayList<>();
        StringBuilder each = new StringBuilder();
        for (int round = 2; round <= options.rounds(); round++) {
            SocketChannel channel = LoadGenerator.connect(new InetSocketAddress("127.0.0.1", port),
                    Duration.ofSeconds(options.startTimeoutS()));
            Future<SendResult> sending = sender.submit(() -> new LoadGenerator(workload).send(channel, 0,
                    Duration.ofSeconds(options.timeoutS())));
            long wanted = roundBytes * round;
            long last = workload.lastSurvivor();
            long done = await(server, String.format("round %d: %,d bytes in %s (%d rounds of %,d)", round, wanted,
                    out, round, roundBytes),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutS()), 5, () -> {
                        try {
                            return Files.size(out) >= wanted && hasSequence(tail.lastLine(), last);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            SendResult sent = sent(sending, server);
            double rate = sent.events() / ((done - sent.firstByteNanos()) / 1e9);
            rates.add(rate);
            each.append(each.length() == 0 ? "" : ", ").append(String.format("%,.0f", rate));
        }
        measurement.put(Metric.WARM_EVENTS_PER_S, Stats.median(rates));
        measurement.note("rounds 2 to " + options.rounds() + " (events/s): " + each);
    }

    /**
     * With {@code --rounds}: the first round's output is verified event by event, and every later round must be the
     * same bytes.
     */
    static void verifyRounds(TcpJsonWorkload workload, Path out, int rounds, long roundBytes, Measurement measurement)
            throws IOException {
        long size = Files.size(out);
        if (size != roundBytes * rounds) {
            measurement.problem(String.format("the file holds %,d bytes, not %d rounds of %,d", size, rounds, roundBytes));
            return;
        }
        try (InputStream in = new Prefix(Files.newInputStream(out), roundBytes)) {
            OutputVerifier.Report report = new OutputVerifier(workload.events(), PROC).verify(in);
            if (!report.ok()) {
                measurement.problem("round 1: " + report);
                return;
            }
        }
        try (FileChannel file = FileChannel.open(out, StandardOpenOption.READ)) {
            for (int round = 2; round <= rounds; round++) {
                long mismatch = mismatch(file, 0, (round - 1) * roundBytes, roundBytes);
                if (mismatch >= 0) {
                    measurement.problem(String.format("round %d differs from round 1 at byte %,d of the round", round,
                            mismatch));
                    return;
                }
            }
        }
    }

    /** @return where the two ranges of the file first differ, or -1 */
    private static long mismatch(FileChannel file, long first, long second, long length) throws IOException {
        ByteBuffer a = ByteBuffer.allocate(1 << 16);
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (long done = 0; done < length; done += a.capacity()) {
            int n = (int) Math.min(a.capacity(), length - done);
            a.clear().limit(n);
            b.clear().limit(n);
            readFully(file, a, first + done);
            readFully(file, b, second + done);
            int at = a.flip().mismatch(b.flip());
            if (at >= 0) {
                return done + at;
            }
        }
        return -1;
    }

    /** The first bytes of a stream. */
    private static final class Prefix extends FilterInputStream {
        private long left;

        Prefix(InputStream in, long length) {
            super(in);
            left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(into, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }

    private static void readFully(FileChannel file, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (file.read(into, position + into.position()) < 0) {
                throw new IOException("the file ended early");
            }
        }
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
