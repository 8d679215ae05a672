package io.weir.itests;

import static io.weir.itests.fixture.FixtureBundles.FIXTURE_PROPERTY;
import static io.weir.itests.fixture.SwapFixtures.SINK_PLUGIN;
import static io.weir.itests.fixture.SwapFixtures.SOURCE_PLUGIN;

import io.weir.itests.fixture.SwapFixtures;
import io.weir.itests.support.TestBundle;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Base of the swap and fault tests: reads and commands the instances of the test plugins built by
 * {@link io.weir.itests.fixture.SwapFixtures}, and reads {@code weir:swaps}. The recording connectors of
 * {@link FlowTestSupport} are deployed too, for neighbouring flows that must not notice anything.
 */
public abstract class SwapTestSupport extends FlowTestSupport {
    private static final Pattern PAUSE = Pattern.compile("  (\\d+\\.\\d) ms  ");

    /** How many of the successive swaps of a test go through {@code deploy/}; the others update the bundle directly. */
    protected static final int THROUGH_DEPLOY_FOLDER = 10;

    /**
     * The options of the {@code swapsource} instance {@code load}: three streams, ten events each per pull, a pull
     * every millisecond, and any more options given as key, value, key, value...
     */
    protected static Map<String, String> load(String... more) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("streams", "3", "per_pull", "10", "pause_ms", "1"));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    /**
     * Deploys the {@code swapsource} and {@code swapsink} plugins at 1.0.0 and runs two flows: {@code steady}, a
     * neighbour of recording connectors that must not notice any swap, and {@code load}, with the {@code swapsource}
     * instance {@code load} and the {@code swapsink} instance {@code out} configured as given and linked by
     * {@code links}. Returns once events flow in both.
     */
    protected void startLoad(Map<String, String> source, Map<String, String> sink, String links) {
        deploy("swap-source.jar", SwapFixtures.swapSource("1.0.0").build());
        deploy("swap-sink.jar", SwapFixtures.swapSink("1.0.0").build());
        awaitBundleState(SOURCE_PLUGIN, Bundle.ACTIVE);
        awaitBundleState(SINK_PLUGIN, Bundle.ACTIVE);
        writeConfig("weir.source.recording-neighbour.cfg", Map.of("pause_ms", "1"));
        writeConfig("weir.sink.recording-steady.cfg", Map.of());
        writeConfig("weir.flow-steady.cfg", Map.of("links", "source/neighbour -> sink/steady"));
        writeConfig("weir.source.swapsource-load.cfg", source);
        writeConfig("weir.sink.swapsink-out.cfg", sink);
        writeConfig("weir.flow-load.cfg", Map.of("links", links));
        await("events flow", () -> number(SINK_PLUGIN, "sink", "swapsink", "out", "written") >= 300);
        await("the neighbour flows", () -> count("sink", "steady", "received") >= 50);
    }

    /**
     * Stops the source of {@link #startLoad}, has the sink acknowledge everything it holds, and waits until every
     * event sent is acknowledged.
     */
    protected void stopLoadAndDrain() {
        tell(SOURCE_PLUGIN, "source", "swapsource", "load", "stop");
        await("every event sent is acknowledged", () -> {
            tell(SINK_PLUGIN, "sink", "swapsink", "out", "drain");
            Map<String, Object> source = state(SOURCE_PLUGIN, "source", "swapsource", "load");
            return source.get("acked").equals(source.get("sent"));
        });
    }

    /**
     * Replaces a plugin with a newer jar: the first {@value #THROUGH_DEPLOY_FOLDER} times by moving the jar into
     * {@code deploy/} over the old one, as an operator does (FileInstall notices it within two polls); then by doing
     * what FileInstall does with it, without waiting for its polls: stop the bundle, update it from the jar, refresh
     * it, start it. (FileInstall stops it transiently; this stops it for good until started again, so that
     * FileInstall, which starts bundles it finds stopped transiently, keeps out of the way.)
     */
    protected void replace(int swap, String plugin, String fileName, byte[] jar) {
        if (swap <= THROUGH_DEPLOY_FOLDER) {
            deploy(fileName, jar);
            return;
        }
        Bundle bundle = awaitBundle(plugin);
        try {
            bundle.stop();
            bundle.update(new ByteArrayInputStream(jar));
            CountDownLatch refreshed = new CountDownLatch(1);
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle),
                    event -> refreshed.countDown());
            if (!refreshed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the refresh of " + plugin + " did not finish");
            }
            bundle.start();
        } catch (BundleException e) {
            throw new AssertionError("cannot update " + plugin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Replaces a plugin {@code swaps} times, by versions {@code 1.0.1}, {@code 1.0.2}... (see {@link #replace}), and
     * after each waits until the new version works and {@code weir:swaps} has recorded the swap.
     *
     * @param build  the plugin's jar at a version
     * @param works  given the new version, before it is deployed: the condition that says it works (it may note
     *               counts to compare with)
     */
    protected void swapRepeatedly(int swaps, String plugin, String fileName, Function<String, TestBundle> build,
            Function<String, Callable<Boolean>> works) {
        for (int i = 1; i <= swaps; i++) {
            String version = "1.0." + i;
            Callable<Boolean> condition = works.apply(version);
            replace(i, plugin, fileName, build.apply(version).build());
            await("version " + version + " of " + plugin + " works", condition);
            await("the swap to " + version + " is recorded", () -> execute("weir:swaps -n 1")
                    .contains("-> " + version + " "));
        }
    }

    /** What an instance of a test plugin reports: {@code kind} is {@code source} or {@code sink}. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> state(String plugin, String kind, String type, String instance) {
        ServiceReference<?> reference = reference("java.util.function.Supplier", plugin, kind, type, instance);
        Object service = context.getService(reference);
        if (service == null) {
            throw new IllegalStateException(kind + "/" + instance + " went away");
        }
        try {
            return ((Supplier<Map<String, Object>>) service).get();
        } finally {
            context.ungetService(reference);
        }
    }

    /** One number from {@link #state}. */
    protected long number(String plugin, String kind, String type, String instance, String key) {
        return ((Number) state(plugin, kind, type, instance).get(key)).longValue();
    }

    /** Sends a command to an instance of a test plugin. */
    @SuppressWarnings("unchecked")
    protected void tell(String plugin, String kind, String type, String instance, String command) {
        ServiceReference<?> reference = reference("java.util.function.Consumer", plugin, kind, type, instance);
        Object service = context.getService(reference);
        if (service == null) {
            throw new IllegalStateException(kind + "/" + instance + " went away");
        }
        try {
            ((Consumer<String>) service).accept(command);
        } finally {
            context.ungetService(reference);
        }
    }

    private ServiceReference<?> reference(String objectClass, String plugin, String kind, String type,
            String instance) {
        return awaitSingleService(objectClass, "(&(" + FIXTURE_PROPERTY + "=" + plugin + ")(service.pid=weir." + kind
                + "." + type + "~" + instance + "))");
    }

    /** The pause-to-resume times, in milliseconds, of the resumed swaps {@code weir:swaps} lists for a node. */
    protected List<Double> resumedPauses(String swaps, String node) {
        List<Double> pauses = new ArrayList<>();
        for (String line : swaps.split("\n")) {
            if (line.contains("  " + node + "  ") && line.trim().endsWith("resumed")) {
                Matcher m = PAUSE.matcher(line);
                if (!m.find()) {
                    throw new AssertionError("no pause in " + line);
                }
                pauses.add(Double.parseDouble(m.group(1)));
            }
        }
        return pauses;
    }

    /** The outcomes handed over to new versions in all resumed swaps {@code weir:swaps} lists for a node. */
    protected long handedOver(String swaps, String node) {
        long total = 0;
        for (String line : swaps.split("\n")) {
            if (line.contains("  " + node + "  ") && line.trim().endsWith("resumed")) {
                String[] cells = line.trim().split("\\s{2,}");
                total += Long.parseLong(cells[cells.length - 2]);
            }
        }
        return total;
    }

    /** Median, 90th percentile and maximum of some durations, for the test's output. */
    protected static String summary(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "none";
        }
        return String.format(Locale.ROOT, "%d swaps: median %.1f ms, p90 %.1f ms, max %.1f ms", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.9)),
                sorted.get(sorted.size() - 1));
    }
}
