package io.weir.runtime.internal.swap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.runtime.internal.manager.StartListener;

import org.junit.Test;

public class SwapCoordinatorTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong wall = new AtomicLong(1_000);
    private final SwapCoordinator swaps = new SwapCoordinator(3, wall::get);

    @Test
    public void aHeldNodeResumesWhenItsNewVersionRunsAndTheSwapIsRecorded() {
        assertTrue(swaps.hold("sink/out", "sink 'out'", "acme.out 1.0.0", 100 * MS, 30_000));
        assertTrue(swaps.isHeld("sink/out"));
        assertEquals("is being replaced: sink 'out' of acme.out 1.0.0 went away 20 ms ago; held up to 30000 ms for"
                + " its new version", swaps.reason("sink/out", 120 * MS));
        swaps.replayed("sink/out", 7);
        swaps.replayed("sink/out", 2);

        StartListener listener = swaps.resuming("sink/out", "acme.out 1.0.1");
        assertTrue("resuming still counts as held", swaps.isHeld("sink/out"));
        listener.started(142 * MS, 0);

        assertFalse(swaps.isHeld("sink/out"));
        assertEquals(List.of(new SwapRecord(1_000, "sink/out", "sink 'out'", "acme.out 1.0.0", "acme.out 1.0.1",
                42 * MS, 9, 0, SwapRecord.Outcome.RESUMED, null)), swaps.history());
        listener.started(200 * MS, 0);
        assertEquals("a listener completes its swap once", 1, swaps.history().size());
    }

    @Test
    public void aSourceRecordsTheOutcomesHandedOverAndAFailedStartIsRecordedAsFailed() {
        swaps.hold("source/in", "source 'in'", "acme.in 1.0.0", 0, 30_000);
        swaps.resuming("source/in", "acme.in 2.0.0").started(5 * MS, 120);
        swaps.hold("sink/out", "codec 'json'", "io.weir.pipeline 1.0.0", 0, 30_000);
        swaps.resuming("sink/out", "io.weir.pipeline 1.0.1").failed(8 * MS, "open failed: refused");

        List<SwapRecord> history = swaps.history();
        assertEquals(SwapRecord.Outcome.FAILED, history.get(0).outcome());
        assertEquals("open failed: refused", history.get(0).detail());
        assertEquals(8 * MS, history.get(0).pauseNanos());
        assertEquals(120, history.get(1).handedOver());
        assertEquals(SwapRecord.Outcome.RESUMED, history.get(1).outcome());
    }

    @Test
    public void aSecondHoldKeepsTheFirstAndOutdatesTheListenerOfAStartThatWasCutShort() {
        swaps.hold("sink/out", "sink 'out'", "acme.out 1.0.0", 0, 30_000);
        StartListener first = swaps.resuming("sink/out", "acme.out 1.0.1");
        assertFalse("already held", swaps.hold("sink/out", "sink 'out'", "acme.out 1.0.1", 10 * MS, 30_000));
        first.started(20 * MS, 0);
        assertTrue("the outdated listener changes nothing", swaps.history().isEmpty());
        assertTrue(swaps.isHeld("sink/out"));

        swaps.resuming("sink/out", "acme.out 1.0.2").started(50 * MS, 0);
        SwapRecord record = swaps.history().get(0);
        assertEquals("measured from the first hold", 50 * MS, record.pauseNanos());
        assertEquals("acme.out 1.0.0", record.fromBundle());
        assertEquals("acme.out 1.0.2", record.toBundle());
    }

    @Test
    public void aNodeWhoseNewVersionDoesNotComeInTimeIsLetGo() {
        swaps.hold("sink/out", "sink 'out'", "acme.out 1.0.0", 0, 100);
        swaps.hold("source/in", "source 'in'", "acme.in 1.0.0", 0, 100);
        swaps.resuming("source/in", "acme.in 1.0.1");
        assertFalse(swaps.hasExpired(99 * MS));
        assertTrue(swaps.hasExpired(100 * MS));

        assertEquals("a node whose new version is starting is not let go", List.of("sink/out"),
                swaps.expire(100 * MS));
        assertFalse(swaps.isHeld("sink/out"));
        assertNull(swaps.reason("sink/out", 100 * MS));
        SwapRecord record = swaps.history().get(0);
        assertEquals(SwapRecord.Outcome.TIMED_OUT, record.outcome());
        assertEquals(-1, record.pauseNanos());
        assertEquals("no new version within 100 ms; the node waits for one", record.detail());
        assertTrue(swaps.isHeld("source/in"));
    }

    @Test
    public void aCancelledSwapIsRecordedAndTheHistoryIsBounded() {
        for (int i = 0; i < 5; i++) {
            swaps.hold("sink/s" + i, "sink 's" + i + "'", "acme 1.0.0", 0, 30_000);
            swaps.cancel("sink/s" + i, "no flow links the node any more");
        }
        swaps.cancel("sink/unknown", "nothing");
        assertEquals(3, swaps.history().size());
        assertEquals(5, swaps.completed());
        assertEquals("sink/s4", swaps.history().get(0).node());
        assertEquals(SwapRecord.Outcome.CANCELLED, swaps.history().get(0).outcome());
    }

    @Test
    public void inProgressShowsHeldAndStartingNodes() {
        swaps.hold("sink/out", "sink 'out'", "acme.out 1.0.0", 0, 30_000);
        swaps.hold("source/in", "source 'in'", "acme.in 1.0.0", 0, 30_000);
        swaps.resuming("source/in", "acme.in 1.0.1");
        var shown = swaps.inProgress(5 * MS);
        assertEquals("starting source 'in' of acme.in 1.0.1 (replacing acme.in 1.0.0, 5 ms so far)",
                shown.get("source/in"));
        assertTrue(shown.get("sink/out"), shown.get("sink/out").startsWith("is being replaced: sink 'out'"));
    }

    @Test
    public void aSwapRecordNamesTheNewBundleOfThePluginThatWentNotTheConnectorItRunsUnder() {
        swaps.hold("source/in", "codec 'text'", "acme.codecs 1.0.0", 0, 30_000);
        swaps.resuming("source/in", List.of("acme.connectors 2.0.0", "acme.split 1.0.0", "acme.codecs 1.0.1"))
                .started(5 * MS, 0);
        assertEquals("acme.codecs 1.0.1", swaps.history().get(0).toBundle());
        assertEquals("none of them: the first", "acme.connectors 2.0.0",
                SwapCoordinator.successor("acme.gone 1.0.0", List.of("acme.connectors 2.0.0", "acme.codecs 1.0.1")));
        assertEquals("a prefix of another name is not the same name", "acme.codecs-extra 1.0.1",
                SwapCoordinator.successor("acme.codecs 1.0.0", List.of("acme.codecs-extra 1.0.1")));
    }
}
