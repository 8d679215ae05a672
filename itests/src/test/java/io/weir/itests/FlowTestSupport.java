package io.weir.itests;

import static io.weir.itests.fixture.FixtureBundles.FIXTURE_PROPERTY;

import io.weir.itests.fixture.FlowFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Base of the flow tests: deploys the {@code recording} test connectors before each test, and reads what a
 * recording source or sink instance saw through its {@link Supplier} service.
 */
public abstract class FlowTestSupport extends TestSupport {

    @Before
    public void deployRecordingConnectors() {
        deploy("recording-connectors.jar", FlowFixtures.recordingConnectors().build());
        awaitBundleState(FlowFixtures.PLUGIN, Bundle.ACTIVE);
    }

    /**
     * Deploys one of the connectors the distribution ships in its {@code deploy/} folder ({@code metronome},
     * {@code blackhole}...), as the server would find it there, and waits until it runs.
     */
    protected void deployBuiltIn(String connector) throws IOException {
        Path shipped = distributionFolder().resolve("deploy");
        Path jar;
        try (Stream<Path> jars = Files.list(shipped)) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("connector-" + connector + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError("the distribution ships no " + connector + " connector in "
                            + shipped));
        }
        deploy(jar.getFileName().toString(), Files.readAllBytes(jar));
        awaitBundleState("io.weir.connector." + connector, Bundle.ACTIVE);
    }

    /** What the recording source or sink instance saw: {@code kind} is {@code source} or {@code sink}. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> records(String kind, String instance) {
        ServiceReference<?> reference = instanceReference("java.util.function.Supplier", kind, instance);
        Object service = context.getService(reference);
        try {
            return ((Supplier<Map<String, Object>>) service).get();
        } finally {
            context.ungetService(reference);
        }
    }

    /** One number from {@link #records}. */
    protected long count(String kind, String instance, String key) {
        return ((Number) records(kind, instance).get(key)).longValue();
    }

    /** The positions a recording source was told failed. */
    @SuppressWarnings("unchecked")
    protected List<Long> failedPositions(String source) {
        return (List<Long>) records("source", source).get("failed");
    }

    /** Sends {@code "unavailable"} or {@code "available"} to a recording sink. */
    @SuppressWarnings("unchecked")
    protected void tellSink(String instance, String command) {
        ServiceReference<?> reference = instanceReference("java.util.function.Consumer", "sink", instance);
        Object service = context.getService(reference);
        try {
            ((Consumer<String>) service).accept(command);
        } finally {
            context.ungetService(reference);
        }
    }

    private ServiceReference<?> instanceReference(String objectClass, String kind, String instance) {
        return awaitSingleService(objectClass, "(&(" + FIXTURE_PROPERTY + "=" + FlowFixtures.PLUGIN + ")(service.pid=weir."
                + kind + ".recording~" + instance + "))");
    }

    /** Waits until {@code weir:flows <flow>} reports the state (RUNNING, PAUSED, WAITING, FAILED) and returns it. */
    protected String awaitFlowState(String flow, String state) {
        return awaitValue("flow " + flow + " is " + state, () -> {
            // all flows: asking for one FileInstall has not delivered yet would fail the command
            String shown = execute("weir:flows");
            return shown.contains("flow " + flow + "  " + state) ? shown : null;
        });
    }
}
