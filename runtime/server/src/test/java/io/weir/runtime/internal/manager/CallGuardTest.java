package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class CallGuardTest {
    private static final long MS = 1_000_000L;
    private final CallGuard guard = new CallGuard();

    @Test
    public void onlyACallPastItsLimitIsAbandoned() {
        assertFalse("not in a call", guard.abandonIfOverdue(System.nanoTime() + 1_000 * MS));
        guard.enter("pull", 50 * MS);
        long entered = System.nanoTime();
        assertFalse(guard.abandonIfOverdue(entered));
        guard.exit();
        assertFalse("left the call", guard.abandonIfOverdue(entered + 1_000 * MS));

        guard.enter("write", 50 * MS);
        assertTrue(guard.abandonIfOverdue(System.nanoTime() + 60 * MS));
        assertTrue(guard.isAbandoned());
        assertEquals("write", guard.abandonedIn());
        assertTrue(guard.abandonedAfterNanos() >= 50 * MS);
        assertFalse("abandoned once", guard.abandonIfOverdue(System.nanoTime() + 60 * MS));
    }

    @Test
    public void progressRestartsTheClockFromTheRoundThatSeesIt() {
        long entered = System.nanoTime();
        guard.enter("write", 50 * MS);
        assertFalse(guard.abandonIfOverdue(entered + 40 * MS));
        guard.progress();
        assertFalse("progress first seen at +80 ms", guard.abandonIfOverdue(entered + 80 * MS));
        assertFalse(guard.abandonIfOverdue(entered + 120 * MS));
        assertTrue("no progress since +80 ms", guard.abandonIfOverdue(entered + 140 * MS));
        assertTrue(guard.abandonedAfterNanos() >= 50 * MS);
    }

    @Test
    public void progressIsDatedWhenARoundSeesItNotWhenTheRoundStarted() {
        long entered = System.nanoTime();
        guard.enter("write", 50 * MS);
        // The round started 1 ms after the entry and reaches this guard after its progress (a replacement of
        // another manager held it up).
        long roundStarted = entered + MS;
        while (System.nanoTime() - entered < 2 * MS) {
            Thread.onSpinWait();
        }
        guard.progress();
        assertFalse(guard.abandonIfOverdue(roundStarted));
        assertFalse("under 50 ms after the progress", guard.abandonIfOverdue(roundStarted + 50 * MS + MS / 2));
    }

    @Test
    public void progressSeenBeforeTheSectionDoesNotShortenIt() {
        guard.enter("write", 50 * MS);
        guard.progress();
        assertFalse(guard.abandonIfOverdue(System.nanoTime() - 1_000 * MS));
        guard.exit();
        long entered = System.nanoTime();
        guard.enter("flush", 50 * MS);
        assertFalse("timed from the entry, not from the progress a second ago",
                guard.abandonIfOverdue(entered + 40 * MS));
        assertTrue(guard.abandonIfOverdue(entered + 1_000 * MS));
    }

    @Test
    public void anAbandonedOwnerIsStoppedAtItsNextCheckAndCannotEnterAgain() {
        guard.enter("write", 1);
        assertTrue(guard.abandonIfOverdue(System.nanoTime() + MS));
        try {
            guard.check();
            fail("check passed");
        } catch (CallGuard.Abandoned expected) {
            // leaves the manager's loop
        }
        try {
            guard.exit();
            fail("exit passed");
        } catch (CallGuard.Abandoned expected) {
            // leaves the manager's loop
        }
        try {
            guard.enter("flush", MS);
            fail("enter passed");
        } catch (CallGuard.Abandoned expected) {
            // leaves the manager's loop
        }
    }

    @Test
    public void abandoningBetweenCallsLeavesNoCallName() {
        assertTrue(guard.abandon());
        assertFalse(guard.abandon());
        assertEquals(null, guard.abandonedIn());
    }

    @Test
    public void theRuntimesOwnFramesAreToldFromAPlugins() {
        StackTraceElement jdk = new StackTraceElement("java.util.ArrayDeque", "addLast", null, 1);
        StackTraceElement runtime = new StackTraceElement("io.weir.runtime.internal.manager.SinkManager$Written", "defer",
                null, 1);
        StackTraceElement plugin = new StackTraceElement("com.acme.Sink", "write", null, 1);
        assertTrue(ManagerThread.inRuntimeCode(new StackTraceElement[] {jdk, runtime, plugin}));
        assertFalse(ManagerThread.inRuntimeCode(new StackTraceElement[] {jdk, plugin, runtime}));
        assertFalse(ManagerThread.inRuntimeCode(new StackTraceElement[] {jdk}));
        StackTraceElement test = new StackTraceElement("io.weir.runtime.internal.manager.WatchdogTest$1", "write", null,
                1);
        assertFalse("a test double is a plugin", ManagerThread.inRuntimeCode(new StackTraceElement[] {test, runtime}));
    }
}
