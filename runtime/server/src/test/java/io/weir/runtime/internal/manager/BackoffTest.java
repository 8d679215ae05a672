package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class BackoffTest {
    private static final long MS = 1_000_000L;

    @Test
    public void doublesUpToTheCap() {
        Backoff backoff = new Backoff(100, 1_000);
        assertEquals(100 * MS, backoff.failed(0));
        assertEquals(200 * MS, backoff.failed(0));
        assertEquals(400 * MS, backoff.failed(0));
        assertEquals(800 * MS, backoff.failed(0));
        assertEquals(1_000 * MS, backoff.failed(0));
        assertEquals(1_000 * MS, backoff.failed(0));
        assertEquals(6, backoff.failures());
    }

    @Test
    public void forgetsFailuresAfterRunningAsLongAsTheCap() {
        Backoff backoff = new Backoff(100, 1_000);
        backoff.failed(0);
        backoff.failed(0);
        backoff.up(10 * MS);
        assertEquals("still in the quiet period", 400 * MS, backoff.failed(500 * MS));
        backoff.up(600 * MS);
        assertEquals(100 * MS, backoff.failed(1_700 * MS));
        assertEquals(1, backoff.failures());
    }

    @Test
    public void knowsWhenTheNextAttemptIsDueUntilReset() {
        Backoff backoff = new Backoff(100, 1_000);
        assertEquals("nothing failed yet: try now", 0, backoff.untilNextAttempt(5 * MS));
        backoff.failed(10 * MS);
        assertEquals(60 * MS, backoff.untilNextAttempt(50 * MS));
        assertEquals(0, backoff.untilNextAttempt(110 * MS));
        assertEquals(110 * MS, backoff.nextAttemptNanos());
        backoff.failed(120 * MS);
        assertEquals(200 * MS, backoff.untilNextAttempt(120 * MS));
        backoff.reset();
        assertEquals("a cleared quarantine tries at once", 0, backoff.untilNextAttempt(130 * MS));
    }
}
