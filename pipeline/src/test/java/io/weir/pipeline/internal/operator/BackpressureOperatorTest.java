package io.weir.pipeline.internal.operator;

import static io.weir.pipeline.testing.Events.event;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.weir.pipeline.testing.FakeClock;
import io.weir.pipeline.testing.RecordingEmitter;
import io.weir.pipeline.testing.TestContext;

public class BackpressureOperatorTest {
    private static final long THRESHOLD = TimeUnit.MILLISECONDS.toNanos(100);

    private final FakeClock clock = new FakeClock();
    private final RecordingEmitter out = new RecordingEmitter();
    private final TestContext context = new TestContext("bp");

    private long agedMillis(long millis) {
        return clock.getAsLong() - TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    public void discardSendsLateEventsToOverflow() throws Exception {
        BackpressureOperator operator = new BackpressureOperator(context, THRESHOLD, false, THRESHOLD, clock);
        operator.process(event(1, agedMillis(10), "fresh"), out);
        operator.process(event(2, agedMillis(100), "at the threshold"), out);
        operator.process(event(3, agedMillis(101), "late"), out);
        assertEquals(List.of("out", "out", "overflow"), out.ports);
        assertTrue(context.pauses.isEmpty());
    }

    @Test
    public void pausePausesOnceAndResumesWhenEventsAreFreshAgain() throws Exception {
        BackpressureOperator operator = new BackpressureOperator(context, THRESHOLD, true, THRESHOLD, clock);
        operator.process(event(1, agedMillis(500), "late"), out);
        operator.process(event(2, agedMillis(400), "late"), out);
        assertEquals(List.of("events are 500 ms old, over the 100 ms threshold of node bp"), context.pauses);
        assertTrue(context.paused);
        operator.process(event(3, agedMillis(5), "fresh"), out);
        assertFalse(context.paused);
        assertEquals(1, context.resumes);
        assertEquals(List.of("out", "out", "out"), out.ports);
    }

    @Test
    public void pauseResumesWhenNoEventArrivesForResumeAfter() throws Exception {
        BackpressureOperator operator = new BackpressureOperator(context, THRESHOLD, true,
                TimeUnit.MILLISECONDS.toNanos(300), clock);
        operator.process(event(1, agedMillis(500), "late"), out);
        operator.tick(clock.advanceMillis(299), out);
        assertTrue(context.paused);
        operator.tick(clock.advanceMillis(1), out);
        assertFalse(context.paused);
        operator.tick(clock.advanceMillis(1000), out);
        assertEquals(1, context.resumes);
    }

    @Test
    public void closeWithdrawsThePause() throws Exception {
        BackpressureOperator operator = new BackpressureOperator(context, THRESHOLD, true, THRESHOLD, clock);
        operator.close(out);
        assertEquals(0, context.resumes);
        operator.process(event(1, agedMillis(500), "late"), out);
        operator.close(out);
        assertFalse(context.paused);
    }

    @Test
    public void optionsAreChecked() {
        BackpressureOperatorFactory factory = new BackpressureOperatorFactory();
        factory.create(context, Map.of("threshold", "1s", "mode", "pause", "resume_after", "5s"));
        assertEquals("node.bp.threshold: missing; for example node.bp.threshold = 100ms",
                assertThrows(IllegalArgumentException.class, () -> factory.create(context, Map.of())).getMessage());
        assertEquals("node.bp.mode: 'drop' is not a mode; use discard or pause",
                assertThrows(IllegalArgumentException.class,
                        () -> factory.create(context, Map.of("threshold", "1s", "mode", "drop"))).getMessage());
        assertEquals("node.bp.resume_after: only applies with mode = pause",
                assertThrows(IllegalArgumentException.class,
                        () -> factory.create(context, Map.of("threshold", "1s", "resume_after", "1s"))).getMessage());
    }
}
