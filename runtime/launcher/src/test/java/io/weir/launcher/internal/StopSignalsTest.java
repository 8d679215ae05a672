package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** A first stop signal, its copies, and a later one that means "now". */
public class StopSignalsTest {
    private static final long MS = 1_000_000L;

    @Test
    public void copiesOfTheFirstSignalAreOneRequestAndALaterOneMeansNow() {
        StopSignals signals = new StopSignals();
        long start = 42 * MS;
        assertEquals(StopSignals.Meaning.STOP, signals.signal(start));
        // systemctl stop: the JVM and bin/weir run both get SIGTERM; the script passes its copy on.
        assertEquals(StopSignals.Meaning.SAME, signals.signal(start + 3 * MS));
        assertEquals(StopSignals.Meaning.SAME, signals.signal(start + StopSignals.SAME_REQUEST_NANOS - 1));
        assertEquals(StopSignals.Meaning.NOW, signals.signal(start + StopSignals.SAME_REQUEST_NANOS));
        assertEquals(StopSignals.Meaning.NOW, signals.signal(start + 60_000 * MS));
    }

    @Test
    public void nanoTimeMayBeNegative() {
        StopSignals signals = new StopSignals();
        long start = Long.MIN_VALUE + 5;
        assertEquals(StopSignals.Meaning.STOP, signals.signal(start));
        assertEquals(StopSignals.Meaning.SAME, signals.signal(start + 10 * MS));
        assertEquals(StopSignals.Meaning.NOW, signals.signal(start + 2_000 * MS));
    }
}
