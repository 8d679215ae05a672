package io.weir.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** One end-to-end scenario of issue 6, run against a real server. */
abstract class Scenario {
    private final String number;
    private final String name;
    private final String title;

    Scenario(String number, String name, String title) {
        this.number = number;
        this.name = name;
        this.title = title;
    }

    /** @return the scenario's number in the issue */
    final String number() {
        return number;
    }

    /** @return the name used on the command line */
    final String name() {
        return name;
    }

    /** @return what it does, in one line */
    final String title() {
        return title;
    }

    /** @return the connectors the scenario needs */
    abstract List<String> connectors();

    /** @return the figures this scenario yields, in table order */
    abstract List<Metric> metrics();

    /**
     * A scenario whose events/s this one's is compared with, run on the same build right before or after each run
     * (the order alternates from run to run), so that the machine's drift hits both alike.
     *
     * @param options the harness options
     * @return the reference, or {@code null} for none
     */
    Scenario reference(HarnessOptions options) {
        return null;
    }

    /**
     * Called once before the first run, so that expensive preparation is not timed.
     *
     * @param options the harness options
     */
    void prepare(HarnessOptions options) {
    }

    /**
     * Writes the configuration, starts the server and measures. The harness stops the server
     * afterwards.
     *
     * @param server  the prepared server, not started
     * @param options the harness options
     * @return the figures and what the checks found
     * @throws Exception when the run could not be completed; the message says why
     */
    abstract Measurement run(ServerRun server, HarnessOptions options) throws Exception;

    /**
     * Checks made after the server stopped (reports written at close).
     *
     * @param server      the stopped server
     * @param measurement the run's figures, to add problems to
     */
    void afterStop(ServerRun server, Measurement measurement) {
    }

    /** Starts the server and waits until it is up. */
    static long start(ServerRun server, HarnessOptions options) throws IOException, InterruptedException {
        server.startAsync();
        return server.awaitStarted(Duration.ofSeconds(options.startTimeoutS()));
    }

    /**
     * Polls {@code weir:flows <flow>} until the flow is {@code RUNNING} (every node started, the
     * sources pulling) or {@code PAUSED} (started, and held back by a sink for a moment).
     *
     * @throws IOException when the flow failed, is invalid, or is not running by the deadline
     */
    static void awaitFlowRunning(ServerRun server, String flow, long deadlineNanos) throws IOException, InterruptedException {
        String last = "";
        while (System.nanoTime() - deadlineNanos < 0) {
            last = server.shell("weir:flows " + flow, Duration.ofSeconds(30));
            String state = ShellOutput.flowStates(last).getOrDefault(flow, "");
            if (state.equals("RUNNING") || state.equals("PAUSED")) {
                return;
            }
            if (state.equals("FAILED") || state.equals("INVALID")) {
                throw new IOException("flow " + flow + " did not start:" + System.lineSeparator() + last + server.diagnostics());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new IOException("flow " + flow + " was not running in time; weir:flows said:" + System.lineSeparator() + last
                + server.diagnostics());
    }

    /** @return a TCP port nothing listens on at the moment */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Copies a data file of the benchmarks jar (under {@code /tremor/}) into the run's folder. */
    static Path extract(ServerRun server, String file) throws IOException {
        Path target = server.root().resolve(file);
        try (InputStream in = Scenario.class.getResourceAsStream("/tremor/" + file)) {
            if (in == null) {
                throw new IOException("missing resource /tremor/" + file);
            }
            Files.copy(in, target);
        }
        return target;
    }

    /**
     * Polls a condition every {@code pollMillis} until it holds, the deadline passes or the server dies.
     *
     * @return {@link System#nanoTime()} when it held
     * @throws IOException when the deadline passed or the server died, with the logs' end
     */
    static long await(ServerRun server, String what, long deadlineNanos, long pollMillis, BooleanSupplier condition)
            throws IOException {
        while (true) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IOException("timed out waiting for " + what + server.diagnostics());
            }
            if (server.startFailed()) {
                throw new IOException("bin/weir start failed while waiting for " + what + server.diagnostics());
            }
            if (server.pid() > 0 && ProcessHandle.of(server.pid()).map(p -> !p.isAlive()).orElse(true)) {
                throw new IOException("the server died while waiting for " + what + server.diagnostics());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMillis));
        }
    }

    /** @return the server's peak resident memory so far in MiB (VmHWM), NaN when unknown */
    static double peakRssMb(long pid) {
        return statusMb(pid, "VmHWM");
    }

    /** @return a memory line of {@code /proc/<pid>/status} in MiB, NaN when unknown */
    static double statusMb(long pid, String field) {
        try {
            return Proc.statusBytes(pid, field) / (1024.0 * 1024.0);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
