package io.weir.itests.support;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class AwaitTest {

    @Test
    public void returnsTheFirstValueOnceTheProbeHasOne() {
        AtomicInteger calls = new AtomicInteger();
        String value = Await.value("third call", () -> calls.incrementAndGet() == 3 ? "ready" : null, Duration.ofSeconds(5));
        assertEquals("ready", value);
        assertEquals(3, calls.get());
    }

    @Test
    public void aThrowingProbeMeansNotYet() {
        AtomicInteger calls = new AtomicInteger();
        Await.until("second call", () -> {
            if (calls.incrementAndGet() < 2) {
                throw new IllegalStateException("not yet");
            }
            return true;
        }, Duration.ofSeconds(5));
        assertEquals(2, calls.get());
    }

    @Test
    public void timesOutNamingTheConditionWithTheLastFailureAsCause() {
        IllegalStateException last = new IllegalStateException("still broken");
        AssertionError error = assertThrows(AssertionError.class,
                () -> Await.until("the moon is blue", () -> { throw last; }, Duration.ofMillis(120)));
        assertThat(error.getMessage(), containsString("waiting until the moon is blue"));
        assertSame(last, error.getCause());
    }

    @Test
    public void aConditionThatStaysFalseTimesOut() {
        long start = System.nanoTime();
        assertThrows(AssertionError.class, () -> Await.until("never", () -> false, Duration.ofMillis(100)));
        assertTrue("gave up after about the timeout", System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }
}
