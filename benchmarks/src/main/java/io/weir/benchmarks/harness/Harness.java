package io.weir.benchmarks.harness;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The end-to-end harness: runs scenarios against fresh copies of a distribution (or alternates two
 * distributions), several runs each, and prints a table of medians. See {@code docs/benchmarks.md}.
 *
 * <pre>
 * benchmarks/run &lt;scenario&gt;... | all [--runs N] [--compare &lt;other dist&gt;] [options]
 * </pre>
 */
public final class Harness {
    private static final List<Scenario> SCENARIOS = List.of(new TcpJsonScenario(),
            new BlasterScenario(BlasterScenario.Mode.PASSTHROUGH), new BlasterScenario(BlasterScenario.Mode.LATENCY),
            new BlasterScenario(BlasterScenario.Mode.MANY_FLOWS), new HotSwapScenario(), new StartupScenario());

    private final HarnessOptions options;
    private final PrintStream out;
    private final AtomicReference<ServerRun> current = new AtomicReference<>();

    Harness(HarnessOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        HarnessOptions options;
        List<Scenario> scenarios;
        try {
            options = HarnessOptions.parse(args);
            scenarios = select(options.scenarios());
            ServerRun.checkDistribution(options.distribution());
            if (options.compare() != null) {
                ServerRun.checkDistribution(options.compare());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks/run: " + e.getMessage());
            System.err.println("usage: benchmarks/run <scenario>... | all [--runs N] [--compare <dist>] [options]");
            System.err.println("scenarios: " + names());
            System.exit(2);
            return;
        }
        Harness harness = new Harness(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(harness::stopCurrent, "harness-stop"));
        boolean allVerified = harness.runAll(scenarios);
        System.exit(allVerified ? 0 : 1);
    }

    static List<Scenario> select(List<String> asked) {
        List<Scenario> chosen = new ArrayList<>();
        for (String name : asked) {
            if (name.equals("all")) {
                chosen.addAll(SCENARIOS);
                continue;
            }
            Scenario found = null;
            for (Scenario scenario : SCENARIOS) {
                if (scenario.name().equals(name) || scenario.number().equals(name)) {
                    found = scenario;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("no scenario '" + name + "'");
            }
            chosen.add(found);
        }
        return chosen;
    }

    private static String names() {
        StringBuilder text = new StringBuilder();
        for (Scenario scenario : SCENARIOS) {
            text.append(text.length() == 0 ? "" : ", ").append(scenario.number()).append(' ').append(scenario.name());
        }
        return text + ", all";
    }

    private void stopCurrent() {
        ServerRun run = current.getAndSet(null);
        if (run != null) {
            run.close();
        }
    }

    boolean runAll(List<Scenario> scenarios) {
        header();
        boolean allVerified = true;
        for (Scenario scenario : scenarios) {
            allVerified &= runScenario(scenario);
        }
        return allVerified;
    }

    private void header() {
        out.println("Weir end-to-end benchmarks, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.printf("machine: %d cores (nproc), %s %s %s; JVM: %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        out.println("A = " + options.distribution());
        if (options.compare() != null) {
            out.println("B = " + options.compare());
        }
        out.printf("runs: %d per build, medians reported%s%n", options.runs(),
                options.javaOpts().isEmpty() ? "" : "; server JVM options: " + options.javaOpts());
    }

    private boolean runScenario(Scenario scenario) {
        out.println();
        out.println("== " + scenario.number() + " " + scenario.name() + ": " + scenario.title());
        try {
            scenario.prepare(options);
        } catch (RuntimeException e) {
            out.println("   cannot prepare: " + e.getMessage());
            return false;
        }
        Map<String, Path> builds = new LinkedHashMap<>();
        builds.put("A", options.distribution());
        if (options.compare() != null) {
            builds.put("B", options.compare());
        }
        Map<String, List<Measurement>> results = new LinkedHashMap<>();
        builds.keySet().forEach(label -> results.put(label, new ArrayList<>()));
        boolean verified = true;
        Scenario reference = scenario.reference(options);
        if (reference != null) {
            try {
                reference.prepare(options);
            } catch (RuntimeException e) {
                out.println("   cannot prepare its reference: " + e.getMessage());
                return false;
            }
        }
        for (int run = 1; run <= options.runs(); run++) {
            // Alternate the order (AB, BA, AB...) so that drift in the machine's load hits both builds alike.
            List<String> order = new ArrayList<>(builds.keySet());
            if (run % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String label : order) {
                Measurement measurement = reference == null ? runOnce(scenario, label, builds.get(label), run, "")
                        : runWithReference(scenario, reference, label, builds.get(label), run);
                results.get(label).add(measurement);
                verified &= measurement.problems().isEmpty();
            }
        }
        out.print(ResultTable.render(scenario, results));
        return verified;
    }

    /** Runs the scenario and its reference on one build, in the order {@link #referenceFirst} gives. */
    private Measurement runWithReference(Scenario scenario, Scenario reference, String label, Path distribution,
            int run) {
        boolean referenceFirst = referenceFirst(run);
        Measurement one = referenceFirst ? runOnce(reference, label, distribution, run, ", one flow") : null;
        Measurement many = runOnce(scenario, label, distribution, run, "");
        if (!referenceFirst) {
            one = runOnce(reference, label, distribution, run, ", one flow");
        }
        int known = many.problems().size();
        relate(many, one);
        if (many.problems().size() > known) {
            out.printf(Locale.ROOT, "   %s run %d: [NOT VERIFIED]%n", label, run);
            many.problems().subList(known, many.problems().size())
                    .forEach(problem -> out.println("      PROBLEM: " + problem));
        } else if (many.problems().isEmpty()) {
            out.printf(Locale.ROOT, "   %s run %d: %s of one flow's events/s, measured %s%n", label, run,
                    Metric.OF_REFERENCE.format(many.values().get(Metric.OF_REFERENCE)),
                    referenceFirst ? "before" : "after");
        }
        return many;
    }

    /**
     * @param run the run's number, from 1
     * @return whether the reference goes first: in even runs, so that an even number of runs puts as many references
     *         before their run as after it
     */
    static boolean referenceFirst(int run) {
        return run % 2 == 0;
    }

    /**
     * Adds the reference's events/s to a run, and the run's share of it. A reference that failed a check, or a
     * figure missing on either side, fails the run: its target is that share.
     */
    static void relate(Measurement run, Measurement reference) {
        if (!reference.problems().isEmpty()) {
            run.problem("its one-flow reference run failed: " + String.join("; ", reference.problems()));
            return;
        }
        double one = reference.values().getOrDefault(Metric.EVENTS_PER_S, Double.NaN);
        double many = run.values().getOrDefault(Metric.EVENTS_PER_S, Double.NaN);
        if (!(one > 0) || Double.isNaN(many)) {
            run.problem(String.format(Locale.ROOT, "no share of one flow: %s events/s against the reference's %s",
                    Metric.EVENTS_PER_S.format(many), Metric.EVENTS_PER_S.format(one)));
            return;
        }
        run.put(Metric.REFERENCE_EVENTS_PER_S, one).put(Metric.OF_REFERENCE, many / one);
    }

    private Measurement runOnce(Scenario scenario, String label, Path distribution, int run, String what) {
        Measurement measurement;
        ServerRun server = null;
        try {
            Path work = options.work() != null ? Files.createDirectories(options.work()) : Path.of(System.getProperty("java.io.tmpdir"));
            Path root = Files.createTempDirectory(work, "weir-bench-" + scenario.name() + "-" + label + run + "-");
            server = ServerRun.prepare(distribution, root, options.javaOpts(), options.keep());
            current.set(server);
            server.ensureConnectors(scenario.connectors(), options.repo());
            measurement = scenario.run(server, options);
            boolean clean = server.stop();
            if (!clean) {
                measurement.note("the server did not stop cleanly: it gave up its shutdown or had to be killed");
            }
            scenario.afterStop(server, measurement);
        } catch (Exception e) {
            measurement = new Measurement();
            measurement.problem("run failed: " + e.getMessage());
        } finally {
            if (server != null) {
                current.compareAndSet(server, null);
                server.close();
            }
        }
        out.printf(Locale.ROOT, "   %s run %d%s: %s%n", label, run, what, ResultTable.oneLine(scenario, measurement));
        for (String note : measurement.notes()) {
            out.println("      " + note);
        }
        for (String problem : measurement.problems()) {
            out.println("      PROBLEM: " + problem.replace("\n", "\n      "));
        }
        if (options.keep() && server != null) {
            out.println("      kept: " + server.root());
        }
        return measurement;
    }
}
