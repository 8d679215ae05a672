package io.weir.itests;

import io.weir.itests.fixture.CaptureFixtures;
import io.weir.itests.fixture.FixtureBundles;
import io.weir.itests.support.NodeStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Base of the tests of the built-in connectors through real flows: besides the {@code recording} connectors of
 * {@link FlowTestSupport} it deploys the {@code capture} sink (every event kept in order, optionally held until the
 * test releases or fails it), reads node counters from {@code weir:stats}, and gives each test a fresh folder for
 * its files.
 */
public abstract class ConnectorTestSupport extends FlowTestSupport {

    @Before
    public void deployCaptureSink() {
        deploy("capture-sink.jar", CaptureFixtures.captureSink().build());
        awaitBundleState(CaptureFixtures.PLUGIN, Bundle.ACTIVE);
    }

    // ---- the capture sink

    /** Every event a capture sink instance received, in order: {@code value}, {@code stream}, {@code meta}. */
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> captured(String instance) {
        return (List<Map<String, Object>>) captureRecords(instance).get("events");
    }

    /** The values a capture sink instance received, in order. */
    protected List<Object> capturedValues(String instance) {
        return captured(instance).stream().map(e -> e.get("value")).toList();
    }

    /** How many events a capture sink instance received. */
    protected long capturedCount(String instance) {
        return ((Number) captureRecords(instance).get("received")).longValue();
    }

    /** How many events a capture sink instance holds unacknowledged. */
    protected long held(String instance) {
        return ((Number) captureRecords(instance).get("held")).longValue();
    }

    /**
     * Waits until a capture sink instance received exactly {@code count} events; on timeout the failure lists what
     * it did receive and what {@code weir:stats} shows.
     */
    protected void awaitCaptured(String instance, long count) {
        try {
            await("sink/" + instance + " received " + count + " events", () -> capturedCount(instance) == count);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it received " + capturedValues(instance) + "\n"
                    + execute("weir:stats"));
        }
    }

    /** Sends {@code hold}, {@code pass}, {@code release}, {@code release:<n>} or {@code fail} to a capture sink. */
    @SuppressWarnings("unchecked")
    protected void tellCapture(String instance, String command) {
        ServiceReference<?> reference = captureReference("java.util.function.Consumer", instance);
        Object service = context.getService(reference);
        try {
            ((Consumer<String>) service).accept(command);
        } finally {
            context.ungetService(reference);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> captureRecords(String instance) {
        ServiceReference<?> reference = captureReference("java.util.function.Supplier", instance);
        Object service = context.getService(reference);
        try {
            return ((Supplier<Map<String, Object>>) service).get();
        } finally {
            context.ungetService(reference);
        }
    }

    private ServiceReference<?> captureReference(String objectClass, String instance) {
        return awaitSingleService(objectClass, "(&(" + FixtureBundles.FIXTURE_PROPERTY + "=" + CaptureFixtures.PLUGIN
                + ")(service.pid=" + CaptureFixtures.PID + "~" + instance + "))");
    }

    // ---- counters

    /** The counters {@code weir:stats} shows for every running node, by label ({@code source/x}, {@code sink/y}). */
    protected Map<String, NodeStats.Node> stats() {
        return NodeStats.parse(execute("weir:stats"));
    }

    /** The counters of one node; fails when {@code weir:stats} does not show it. */
    protected NodeStats.Node node(String label) {
        NodeStats.Node node = stats().get(label);
        if (node == null) {
            throw new AssertionError(label + " is not among the running nodes:\n" + execute("weir:stats"));
        }
        return node;
    }

    /** Waits until the counters of {@code label} satisfy {@code condition}, and returns them. */
    protected NodeStats.Node awaitNode(String label, String what, Predicate<NodeStats.Node> condition) {
        return awaitValue(label + " " + what, () -> {
            NodeStats.Node node = stats().get(label);
            return node != null && condition.test(node) ? node : null;
        });
    }

    // ---- files

    /** A new empty folder for one test's files, under this class's work folder (kept when a test fails). */
    protected Path newFolder(String name) {
        try {
            Path files = Files.createDirectories(etcFolder().getParent().resolve("files"));
            return Files.createTempDirectory(files, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for " + name, e);
        }
    }

    /** Appends bytes to a file, creating it when missing. */
    protected static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Appends UTF-8 text to a file, creating it when missing. */
    protected static void append(Path file, String text) {
        append(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The lines of a file, or none when it does not exist yet. */
    protected static List<String> linesOf(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The full log of this class's framework ({@code data/log/weir.log}), or "" before it exists. */
    protected String weirLog() {
        Path log = etcFolder().getParent().resolve("data").resolve("log").resolve("weir.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
