package io.weir.pipeline.internal.operator;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.pipeline.internal.graph.PortAware;

/**
 * Watches how long events have been in the server ({@code now - ingestNanos}). In {@code discard}
 * mode an event older than the threshold goes to the {@code overflow} port instead of {@code out}.
 * In {@code pause} mode every event goes on, but an event older than the threshold pauses the
 * sources feeding the pipeline; they resume when an event arrives within the threshold again, or
 * when no event has arrived for {@code resume_after} (the backlog has drained).
 */
final class BackpressureOperator implements Operator, PortAware {
    static final String OVERFLOW = "overflow";

    private final OperatorContext context;
    private final long thresholdNanos;
    private final boolean pause;
    private final long resumeAfterNanos;
    private final LongSupplier clock;
    private boolean paused;
    private long lastEventNanos;

    BackpressureOperator(OperatorContext context, long thresholdNanos, boolean pause, long resumeAfterNanos,
            LongSupplier clock) {
        this.context = context;
        this.thresholdNanos = thresholdNanos;
        this.pause = pause;
        this.resumeAfterNanos = resumeAfterNanos;
        this.clock = clock;
    }

    @Override
    public void process(Event event, Emitter out) {
        long now = clock.getAsLong();
        long age = now - event.ingestNanos();
        boolean late = age > thresholdNanos;
        if (!pause) {
            out.emit(late ? OVERFLOW : Emitter.OUT, event);
            return;
        }
        lastEventNanos = now;
        if (late && !paused) {
            paused = true;
            context.pauseUpstream("events are " + TimeUnit.NANOSECONDS.toMillis(age) + " ms old, over the "
                    + TimeUnit.NANOSECONDS.toMillis(thresholdNanos) + " ms threshold of node " + context.name());
        } else if (!late && paused) {
            resume();
        }
        out.emit(Emitter.OUT, event);
    }

    @Override
    public void tick(long nowNanos, Emitter out) {
        if (paused && nowNanos - lastEventNanos >= resumeAfterNanos) {
            resume();
        }
    }

    @Override
    public void close(Emitter out) {
        if (paused) {
            resume();
        }
    }

    private void resume() {
        paused = false;
        context.resumeUpstream();
    }

    @Override
    public Set<String> outputPorts() {
        return pause ? Set.of(Emitter.OUT) : Set.of(Emitter.OUT, OVERFLOW);
    }
}
