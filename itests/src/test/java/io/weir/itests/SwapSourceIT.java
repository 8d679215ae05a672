package io.weir.itests;

import static io.weir.itests.fixture.SwapFixtures.SINK_PLUGIN;
import static io.weir.itests.fixture.SwapFixtures.SOURCE_PLUGIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.weir.itests.fixture.SwapFixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.osgi.framework.BundleListener;

/**
 * A source replaced one hundred times by a newer jar while it sends: each new version continues the sequence from
 * the old one's state, and the outcomes of the old version's events, still on their way through the flow when it
 * stopped, reach the new version. Every event is acknowledged exactly once, each stream arrives in order, the sink
 * and a neighbouring flow are never restarted, and no other bundle is touched.
 */
public class SwapSourceIT extends SwapTestSupport {
    private static final int SWAPS = 100;

    @Test
    public void aSourceSwappedUnderLoadHasEveryEventAcknowledgedOnceAndInOrder() {
        // The sink holds many events unacknowledged, so that every swap finds outcomes still on their way.
        startLoad(load(), Map.of("hold", "200"), "source/load -> sink/out");

        List<String> touched = new CopyOnWriteArrayList<>();
        BundleListener others = event -> {
            if (!SOURCE_PLUGIN.equals(event.getBundle().getSymbolicName())) {
                touched.add(event.getBundle().getSymbolicName() + " " + SwapSinkIT.type(event.getType()));
            }
        };
        context.addBundleListener(others);
        long neighbour = count("sink", "steady", "received");
        long started = System.nanoTime();
        try {
            swapRepeatedly(SWAPS, SOURCE_PLUGIN, "swap-source.jar", SwapFixtures::swapSource, version -> {
                long sent = number(SOURCE_PLUGIN, "source", "swapsource", "load", "sent");
                return () -> {
                    Map<String, Object> source = state(SOURCE_PLUGIN, "source", "swapsource", "load");
                    return version.equals(source.get("version")) && ((Number) source.get("sent")).longValue() > sent;
                };
            });
        } finally {
            context.removeBundleListener(others);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long neighbourDuring = count("sink", "steady", "received") - neighbour;
        assertTrue("the neighbour flow kept going: " + neighbourDuring, neighbourDuring >= 100);

        stopLoadAndDrain();
        Map<String, Object> source = state(SOURCE_PLUGIN, "source", "swapsource", "load");
        Map<String, Object> sink = state(SINK_PLUGIN, "sink", "swapsink", "out");
        assertEquals("no event out of order, missing or repeated: " + sink.get("firstViolation"), 0L,
                sink.get("violations"));
        assertEquals(source.get("sent"), sink.get("written"));
        assertEquals(0L, source.get("duplicates"));
        assertEquals(0L, source.get("failed"));
        assertEquals("every version got its predecessor's state", (long) SWAPS, source.get("restores"));
        assertEquals("every version continued its predecessor's streams", 0L, source.get("refused"));
        assertTrue("every version continued its predecessor's streams: " + source.get("continued"),
                ((Number) source.get("continued")).longValue() >= 3L * SWAPS);
        assertEquals("the sink was never restarted", 1L, sink.get("opens"));
        assertEquals(0L, sink.get("restores"));
        assertEquals(1L, records("source", "neighbour").get("opens"));
        assertEquals("no other bundle was stopped, refreshed or started: " + touched, List.of(), touched);

        String swaps = execute("weir:swaps -n 0");
        List<Double> pauses = resumedPauses(swaps, "source/load");
        assertEquals(swaps, SWAPS, pauses.size());
        assertTrue("outcomes were handed over: " + swaps, handedOver(swaps, "source/load") > 0);
        String flows = execute("weir:flows load");
        assertTrue(flows, flows.contains("[" + SOURCE_PLUGIN + " 1.0." + SWAPS + "]"));
        System.out.println("SwapSourceIT: " + SWAPS + " source swaps in " + seconds + " s under load, "
                + source.get("sent") + " events, " + handedOver(swaps, "source/load")
                + " outcomes handed to a new version; pause to resume: " + summary(pauses));
        System.out.println(swaps);
    }
}
