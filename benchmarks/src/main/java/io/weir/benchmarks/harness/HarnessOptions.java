package io.weir.benchmarks.harness;

import java.nio.file.Path;
import java.util.List;

import io.weir.benchmarks.load.Args;
import io.weir.benchmarks.workload.TcpJsonWorkload;

/**
 * The harness's options; {@code docs/benchmarks.md} lists them with their defaults.
 *
 * @param scenarios    the scenario names or numbers asked for
 * @param runs         runs per scenario and build
 * @param distribution the build measured
 * @param compare      a second build, alternated with the first; null for none
 * @param repo         the source tree (to find connector bundles a distribution lacks); may be null
 * @param work         where the runs' folders go
 * @param keep         keep each run's folder
 * @param javaOpts     extra JVM options for the servers
 * @param warmupS      blackhole warm-up
 * @param durationS    blackhole measurement
 * @param flows        flows in the many-flows scenario
 * @param events       events of the TCP JSON and hot-swap scenarios; 0 for each scenario's default
 * @param rate         events per second of the latency and hot-swap scenarios; 0 for each scenario's default
 * @param settleS      seconds between the TCP JSON flow reported running and the first byte
 * @param idleS        seconds after the first event before idle memory is read
 * @param startTimeoutS how long a server may take to start
 * @param timeoutS     how long a measurement may take beyond what it should
 * @param swaps        swaps of the hot-swap scenario
 * @param rounds       times scenario 1 sends its workload to one server, one round after the other
 */
record HarnessOptions(List<String> scenarios, int runs, Path distribution, Path compare, Path repo, Path work,
        boolean keep, String javaOpts, long warmupS, long durationS, int flows, int events, long rate, long settleS,
        long idleS, long startTimeoutS, long timeoutS, int swaps, int rounds) {

    static final List<String> VALUED = List.of("--runs", "--dist", "--compare", "--repo", "--work", "--java-opts",
            "--warmup-s", "--duration-s", "--flows", "--events", "--rate", "--settle-s", "--idle-s",
            "--start-timeout-s", "--timeout-s", "--swaps", "--rounds");
    static final List<String> FLAGS = List.of("--keep");

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the option at fault
     */
    static HarnessOptions parse(String[] args) {
        Args a = new Args(args, VALUED, FLAGS);
        if (a.positional().isEmpty()) {
            throw new IllegalArgumentException("name at least one scenario, or all");
        }
        Path repo = a.text("--repo", "").isEmpty() ? null : Path.of(a.text("--repo", "")).toAbsolutePath();
        String defaultDist = repo == null ? null : repo.resolve("runtime/distribution/target/weir").toString();
        Path dist = Path.of(a.text("--dist", defaultDist)).toAbsolutePath().normalize();
        Path compare = a.text("--compare", "").isEmpty() ? null : Path.of(a.text("--compare", "")).toAbsolutePath().normalize();
        Path work = a.text("--work", "").isEmpty() ? null : Path.of(a.text("--work", "")).toAbsolutePath();
        return new HarnessOptions(a.positional(), (int) a.number("--runs", 3, 1, 1000), dist, compare, repo, work,
                a.flag("--keep"), a.text("--java-opts", ""), a.number("--warmup-s", 10, 0, 3600),
                a.number("--duration-s", 30, 1, 3600), (int) a.number("--flows", 100, 1, 10_000),
                a.text("--events", "").isEmpty() ? 0 : (int) a.number("--events", 0, 10, 10_000_000),
                a.text("--rate", "").isEmpty() ? 0 : a.number("--rate", 0, 1, 100_000_000),
                a.number("--settle-s", 1, 0, 600),
                a.number("--idle-s", 5, 0, 600), a.number("--start-timeout-s", 60, 1, 3600),
                a.number("--timeout-s", 300, 1, 86_400), (int) a.number("--swaps", 20, 1, 999),
                (int) a.number("--rounds", 1, 1, 100));
    }

    /**
     * @param scenarioDefault the scenario's own default
     * @return {@code --events}, or the scenario's default when it was not given
     */
    int eventsOr(int scenarioDefault) {
        return events > 0 ? events : scenarioDefault;
    }

    /**
     * @param scenarioDefault the scenario's own default
     * @return {@code --rate}, or the scenario's default when it was not given
     */
    long rateOr(long scenarioDefault) {
        return rate > 0 ? rate : scenarioDefault;
    }
}
