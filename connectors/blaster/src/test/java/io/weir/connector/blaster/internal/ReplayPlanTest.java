package io.weir.connector.blaster.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ReplayPlanTest {

    @Test
    public void endsAfterTheIterations() {
        ReplayPlan plan = new ReplayPlan(100, 3, 0);
        assertFalse(plan.finished(299, Long.MAX_VALUE / 2));
        assertTrue(plan.finished(300, 0));
    }

    @Test
    public void endsAfterTheDuration() {
        ReplayPlan plan = new ReplayPlan(100, 0, 1_000);
        assertFalse(plan.finished(1_000_000, 999));
        assertTrue(plan.finished(0, 1_000));
    }

    @Test
    public void whicheverComesFirst() {
        ReplayPlan plan = new ReplayPlan(10, 2, 1_000);
        assertTrue(plan.finished(20, 5));
        assertTrue(plan.finished(5, 1_000));
        assertFalse(plan.finished(5, 5));
    }

    @Test
    public void unlimitedWithoutEitherAndWithoutOverflow() {
        assertFalse(new ReplayPlan(10, 0, 0).finished(Long.MAX_VALUE - 1, Long.MAX_VALUE));
        assertFalse(new ReplayPlan(1 << 30, Long.MAX_VALUE / 2, 0).finished(Long.MAX_VALUE - 1, 0));
    }
}
