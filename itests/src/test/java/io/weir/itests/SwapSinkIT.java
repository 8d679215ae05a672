package io.weir.itests;

import static io.weir.itests.fixture.SwapFixtures.SINK_PLUGIN;
import static io.weir.itests.fixture.SwapFixtures.SOURCE_PLUGIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.weir.itests.fixture.FlowFixtures;
import io.weir.itests.fixture.SwapFixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * A sink replaced one hundred times by a newer jar while events flow: each swap holds the flow, hands the old
 * instance's state to the new one, delivers again what the old one took and did not acknowledge, and resumes. Nothing
 * is lost, nothing arrives out of order within a stream, no other bundle is touched, and a neighbouring flow keeps
 * going. The first swaps go through {@code deploy/}, the others update the bundle as FileInstall would (see
 * {@link #replace}), which keeps the test within a minute: the swap itself takes milliseconds, FileInstall's polls a
 * second or two.
 */
public class SwapSinkIT extends SwapTestSupport {
    private static final int SWAPS = 100;

    @Test
    public void aSinkSwappedUnderLoadLosesNothingAndKeepsEveryStreamInOrder() {
        startLoad(load(), Map.of(), "source/load -> sink/out");

        List<String> touched = new CopyOnWriteArrayList<>();
        long bundlesBefore = context.getBundles().length;
        BundleListener others = event -> {
            if (!SINK_PLUGIN.equals(event.getBundle().getSymbolicName())) {
                touched.add(event.getBundle().getSymbolicName() + " " + type(event.getType()));
            }
        };
        context.addBundleListener(others);
        long neighbour = count("sink", "steady", "received");
        long started = System.nanoTime();
        try {
            swapRepeatedly(SWAPS, SINK_PLUGIN, "swap-sink.jar", SwapFixtures::swapSink, version -> {
                long written = number(SINK_PLUGIN, "sink", "swapsink", "out", "written");
                return () -> {
                    Map<String, Object> sink = state(SINK_PLUGIN, "sink", "swapsink", "out");
                    return version.equals(sink.get("version")) && ((Number) sink.get("written")).longValue() > written;
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
        assertEquals(source.get("sent"), sink.get("acked"));
        assertEquals(0L, source.get("duplicates"));
        assertEquals(0L, source.get("failed"));
        assertEquals("every version got its predecessor's state", (long) SWAPS, sink.get("restores"));
        assertEquals("the source was never restarted", 1L, source.get("opens"));
        assertEquals(1L, records("source", "neighbour").get("opens"));
        assertEquals("no other bundle was stopped, refreshed or started: " + touched, List.of(), touched);
        assertEquals(bundlesBefore, context.getBundles().length);

        String swaps = execute("weir:swaps -n 0");
        List<Double> pauses = resumedPauses(swaps, "sink/out");
        assertEquals(swaps, SWAPS, pauses.size());
        assertTrue(swaps, swaps.contains(SINK_PLUGIN + " 1.0.0 -> 1.0.1"));
        String flows = execute("weir:flows load");
        assertTrue(flows, flows.contains("[" + SINK_PLUGIN + " 1.0." + SWAPS + "]"));
        assertTrue("events were replayed: " + flows, flows.contains("replayed "));
        System.out.println("SwapSinkIT: " + SWAPS + " sink swaps in " + seconds + " s under load, "
                + source.get("sent") + " events; pause to resume: " + summary(pauses));
        System.out.println(swaps);
        assertTrue(FlowFixtures.PLUGIN + " bundle still runs", bundle(FlowFixtures.PLUGIN).isPresent());
    }

    static String type(int type) {
        switch (type) {
            case BundleEvent.INSTALLED: return "installed";
            case BundleEvent.STARTED: return "started";
            case BundleEvent.STOPPED: return "stopped";
            case BundleEvent.UPDATED: return "updated";
            case BundleEvent.UNINSTALLED: return "uninstalled";
            case BundleEvent.RESOLVED: return "resolved";
            case BundleEvent.UNRESOLVED: return "unresolved";
            case BundleEvent.STARTING: return "starting";
            case BundleEvent.STOPPING: return "stopping";
            default: return "event " + type;
        }
    }
}
