package io.weir.itests;

import static io.weir.itests.fixture.SwapFixtures.CODEC_PLUGIN;
import static io.weir.itests.fixture.SwapFixtures.OPERATOR_PLUGIN;
import static io.weir.itests.fixture.SwapFixtures.PREPROCESSOR_PLUGIN;
import static io.weir.itests.fixture.SwapFixtures.SINK_PLUGIN;
import static io.weir.itests.fixture.SwapFixtures.SOURCE_PLUGIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.weir.itests.fixture.SwapFixtures;
import io.weir.itests.support.TestBundle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleListener;

/**
 * A codec, a preprocessor and an operator type, each replaced {@value #SWAPS} times by a newer jar while events
 * flow through it. Each version writes its own version into the events it makes ({@code codec}, {@code pre},
 * {@code op}), so the sink sees when the new version took over. Nothing is lost or repeated, each stream stays in
 * order, once an event shows a new version's work no later one shows an older version's, every swap is in
 * {@code weir:swaps} with its pause, the sink and the neighbouring flow are never restarted, and no other bundle is
 * touched. The source cuts the last line of every pull in two, so every codec or preprocessor swap finds half a
 * line in the splitter: the new codec decodes it whole once the source sent the rest; a swapped splitter hands it
 * to its new version.
 */
public class SwapPluginsIT extends SwapTestSupport {
    /** As for sinks and sources: the first ten through deploy/, the others directly (see {@link #replace}). */
    private static final int SWAPS = 100;

    @Test
    public void aCodecSwappedUnderLoadDecodesTheHalfLinesItsPredecessorLeftAndLosesNothing() {
        deploy("swap-codec.jar", SwapFixtures.swapCodec("1.0.0").build());
        awaitBundleState(CODEC_PLUGIN, Bundle.ACTIVE);
        startLoad(load("format", "lines", "split", "true", "codec", "swapcodec", "preprocessors", "separate"),
                Map.of("tag", "codec"), "source/load -> sink/out");
        Map<String, Object> source = swapUnderLoad(CODEC_PLUGIN, "swap-codec.jar", SwapFixtures::swapCodec,
                "source/load");
        assertEquals("the source was opened again under each new codec", (long) SWAPS + 1, source.get("opens"));
        assertEquals("every stream with its half line was continued", 0L, source.get("refused"));
        assertEquals(3L * SWAPS, source.get("continued"));
    }

    @Test
    public void aPreprocessorSwappedUnderLoadHandsItsHalfLinesToItsNewVersionAndLosesNothing() {
        deploy("swap-split.jar", SwapFixtures.swapSplit("1.0.0").build());
        awaitBundleState(PREPROCESSOR_PLUGIN, Bundle.ACTIVE);
        startLoad(load("format", "lines", "split", "true", "codec", "json", "preprocessors", "swapsplit"),
                Map.of("tag", "pre"), "source/load -> sink/out");
        Map<String, Object> source = swapUnderLoad(PREPROCESSOR_PLUGIN, "swap-split.jar", SwapFixtures::swapSplit,
                "source/load");
        assertEquals((long) SWAPS + 1, source.get("opens"));
        assertEquals("every half line went from the old splitter to the new one", 0L, source.get("refused"));
        assertEquals(3L * SWAPS, source.get("continued"));
    }

    @Test
    public void anOperatorSwappedUnderLoadHandsItsStateOnAndLosesNothing() {
        deploy("swap-op.jar", SwapFixtures.swapOperator("1.0.0").build());
        awaitBundleState(OPERATOR_PLUGIN, Bundle.ACTIVE);
        writeConfig("weir.pipeline-tagged.cfg", Map.of("node.tag.type", "swapop", "links", "in -> tag -> out"));
        startLoad(load(), Map.of("tag", "op"), "source/load -> pipeline/tagged -> sink/out");
        Map<String, Object> source = swapUnderLoad(OPERATOR_PLUGIN, "swap-op.jar", SwapFixtures::swapOperator,
                "pipeline/tagged");
        assertEquals("the source was never restarted", 1L, source.get("opens"));
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) state(SINK_PLUGIN, "sink", "swapsink", "out").get("last");
        assertEquals("each version counted on from its predecessor's state: " + last, source.get("sent"),
                last.get("seen"));
    }

    /**
     * Swaps a plugin {@value #SWAPS} times under the load of {@link #startLoad}, checks what every swap test checks,
     * and returns what the source reports.
     */
    private Map<String, Object> swapUnderLoad(String plugin, String fileName, Function<String, TestBundle> build,
            String node) {
        List<String> touched = new CopyOnWriteArrayList<>();
        BundleListener others = event -> {
            if (!plugin.equals(event.getBundle().getSymbolicName())) {
                touched.add(event.getBundle().getSymbolicName() + " " + SwapSinkIT.type(event.getType()));
            }
        };
        context.addBundleListener(others);
        long neighbour = count("sink", "steady", "received");
        long started = System.nanoTime();
        try {
            swapRepeatedly(SWAPS, plugin, fileName, build, version -> {
                long written = number(SINK_PLUGIN, "sink", "swapsink", "out", "written");
                return () -> {
                    Map<String, Object> sink = state(SINK_PLUGIN, "sink", "swapsink", "out");
                    return version.equals(sink.get("lastTag")) && ((Number) sink.get("written")).longValue() > written;
                };
            });
        } finally {
            context.removeBundleListener(others);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue("the neighbour flow kept going", count("sink", "steady", "received") - neighbour >= 100);

        stopLoadAndDrain();
        Map<String, Object> source = state(SOURCE_PLUGIN, "source", "swapsource", "load");
        Map<String, Object> sink = state(SINK_PLUGIN, "sink", "swapsink", "out");
        assertEquals("no event out of order, missing or repeated: " + sink.get("firstViolation"), 0L,
                sink.get("violations"));
        assertEquals("no event made by an older version after a newer one: " + sink.get("firstTagViolation"), 0L,
                sink.get("tagViolations"));
        assertEquals("every event made by some version", 0L, sink.get("untagged"));
        assertEquals(source.get("sent"), sink.get("written"));
        assertEquals(0L, source.get("duplicates"));
        assertEquals(0L, source.get("failed"));
        assertEquals("the sink was never restarted", 1L, sink.get("opens"));
        assertEquals(1L, records("source", "neighbour").get("opens"));
        assertEquals("no other bundle was stopped, refreshed or started: " + touched, List.of(), touched);

        // The framework may have run another test of this class: its swaps are in the history too.
        String swaps = String.join("\n", execute("weir:swaps -n 0").lines().filter(line -> line.contains(plugin))
                .toList());
        try {
            execute("weir:swaps -n -3");
            throw new IllegalStateException("a negative count should be refused");
        } catch (AssertionError refused) {
            assertTrue(String.valueOf(refused.getCause()), String.valueOf(refused.getCause()).contains("-n -3: give"));
        }
        List<Double> pauses = resumedPauses(swaps, node);
        assertEquals(swaps, SWAPS, pauses.size());
        assertTrue(swaps, swaps.contains(plugin + " 1.0.0 -> 1.0.1 "));
        System.out.println("SwapPluginsIT: " + SWAPS + " swaps of " + plugin + " in " + seconds + " s under load, "
                + source.get("sent") + " events; pause to resume: " + summary(pauses));
        System.out.println(swaps);
        return source;
    }
}
