package io.weir.connector.metronome.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class TickScheduleTest {

    @Test
    public void firstTickIsDueAtOnce() {
        TickSchedule schedule = new TickSchedule(100, 1_000);
        assertEquals(0, schedule.nanosUntilDue(1_000));
        assertEquals(50, schedule.nanosUntilDue(950));
    }

    @Test
    public void aSlightlyLateTickKeepsTheGrid() {
        TickSchedule schedule = new TickSchedule(100, 1_000);
        schedule.ticked(1_007);
        assertEquals(93, schedule.nanosUntilDue(1_007));
        schedule.ticked(1_100);
        assertEquals(100, schedule.nanosUntilDue(1_100));
    }

    @Test
    public void ticksMissedDuringAGapAreSkipped() {
        TickSchedule schedule = new TickSchedule(100, 1_000);
        schedule.ticked(1_000);
        // Paused for a long while: the next tick comes one interval after the late one, not at once.
        schedule.ticked(5_050);
        assertEquals(100, schedule.nanosUntilDue(5_050));
    }

    @Test(expected = IllegalArgumentException.class)
    public void rejectsANonPositiveInterval() {
        new TickSchedule(0, 0);
    }
}
