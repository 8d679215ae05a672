package io.weir.runtime.internal.lifecycle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.Test;

/** The state machine of one check, stepped with a hand-made clock. */
public class LeakCheckTest {

    private static final long MS = 1_000_000L;
    private static final RevisionInfo INFO = new RevisionInfo(9, "com.acme.x", "2.0.0", "file:/deploy/x.jar");
    private static final LeakSettings SETTINGS = new LeakSettings(Duration.ofMillis(100), Duration.ofMillis(1000), 10);

    @Test
    public void aLoaderThatStaysReachableIsReportedAtTheDeadlineAfterGrowingGcIntervals() throws Exception {
        try (URLClassLoader held = new URLClassLoader(new URL[0])) {
            LeakCheck check = new LeakCheck(INFO, "uninstalled", Instant.now(), new WeakReference<>(held), List.of(),
                    SETTINGS);
            assertFalse("pending: nothing happens", check.advance(0, true, List.of()));
            assertEquals(LeakCheck.Status.WAITING_FOR_REFRESH, check.status());

            assertTrue("no threads: straight to the loader, which wants a GC", check.advance(10 * MS, false, List.of()));
            assertEquals(LeakCheck.Status.CHECKING_CLASS_LOADER, check.status());
            check.gcDone(10 * MS);
            assertFalse("next GC after 100 ms", check.advance(100 * MS, false, List.of()));
            assertTrue(check.advance(110 * MS, false, List.of()));
            check.gcDone(110 * MS);
            assertFalse("then after 200 ms", check.advance(300 * MS, false, List.of()));
            assertTrue(check.advance(310 * MS, false, List.of()));
            check.gcDone(310 * MS);

            assertFalse(check.advance(1010 * MS, false, List.of()));
            assertTrue(check.isDone());
            assertEquals(LeakCheck.Status.CLASS_LOADER_ALIVE, check.status());
            assertTrue(check.loaderLeaked());
            assertFalse(check.threadsLeaked());
            assertEquals(0, check.threadsEndedAfterNanos());
            assertEquals(-1, check.collectedAfterNanos());
            String evidence = String.join("\n", LeakReport.evidence(check));
            assertTrue(evidence, evidence.contains("class loader still reachable at the unload deadline; none of the known"
                    + " holders has it"));
            assertTrue(evidence, evidence.endsWith("`weir:leaks --paths` traces it in a heap dump"));
        }
    }

    @Test
    public void aThreadThatOutlivesTheGraceIsFrozenAsEvidenceAndItsLateEndIsNoted() throws Exception {
        Object lock = new Object();
        Thread thread = new Thread(() -> {
            synchronized (lock) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // ends
                }
            }
        }, "acme-sticky");
        thread.start();
        PluginLoaders.waitFor(() -> thread.getState() == Thread.State.WAITING, 5_000, "the thread waits");
        try {
            LeakCheck check = new LeakCheck(INFO, "updated", Instant.now(), new WeakReference<>(null),
                    List.of(new ThreadSuspect(thread, List.of("test evidence"))), SETTINGS);
            assertFalse(check.advance(0, false, List.of(thread)));
            assertEquals(LeakCheck.Status.CHECKING_THREADS, check.status());
            assertEquals("still alive within the grace", LeakCheck.Status.CHECKING_THREADS, statusAfter(check, 99, thread));

            assertFalse("loader already gone: done at once", check.advance(100 * MS, false, List.of(thread)));
            assertEquals(LeakCheck.Status.THREADS_ALIVE, check.status());
            ThreadSuspect suspect = check.suspects().get(0);
            assertEquals("WAITING", suspect.state());
            assertFalse(suspect.frames().isEmpty());
            assertEquals(100 * MS, check.collectedAfterNanos());

            thread.interrupt();
            thread.join(5_000);
            check.recheck(500 * MS);
            assertEquals(LeakCheck.Status.COLLECTED, check.status());
            assertTrue("the leak at the deadline is not forgotten", check.leaked());
            assertEquals(500 * MS, check.threadsEndedAfterNanos());
        } finally {
            thread.interrupt();
        }
    }

    @Test
    public void settingsRejectOutOfRangeValuesByName() {
        try {
            new LeakSettings(Duration.ofMillis(-1), Duration.ZERO, 1);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("thread_grace_ms must be 0 or more"));
        }
        try {
            new LeakSettings(Duration.ZERO, Duration.ofMillis(-5), 1);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("unload_deadline_ms must be 0 or more"));
        }
        try {
            new LeakSettings(Duration.ZERO, Duration.ZERO, 0);
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("history must be 1 or more, got 0", e.getMessage());
        }
    }

    @Test
    public void reportTimesAndEmptyHistory() {
        Instant now = Instant.parse("2024-01-01T12:00:00Z");
        assertEquals("5 s ago", LeakReport.ago(now.minusSeconds(5), now));
        assertEquals("2 min ago", LeakReport.ago(now.minusSeconds(150), now));
        assertEquals("3 h ago", LeakReport.ago(now.minusSeconds(3 * 3600 + 10), now));
        assertEquals("2 d ago", LeakReport.ago(now.minusSeconds(2 * 86400), now));
        assertEquals("1.5 s", LeakReport.seconds(1_500_000_000L));
        assertEquals("No plugin revision has been removed since the server started.\n",
                LeakReport.render(List.of(), now, java.time.ZoneOffset.UTC));
    }

    private static LeakCheck.Status statusAfter(LeakCheck check, long millis, Thread thread) {
        check.advance(millis * MS, false, List.of(thread));
        return check.status();
    }
}
