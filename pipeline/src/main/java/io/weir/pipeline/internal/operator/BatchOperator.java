package io.weir.pipeline.internal.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.graph.PortAware;

/**
 * Collects events into one event whose value is the list of their values and which carries all of
 * their ids. A batch leaves when it holds {@code count} events or when its first event has waited
 * {@code timeout}, whichever comes first; on close, what is held leaves as a last, smaller batch.
 */
final class BatchOperator implements Operator, PortAware {
    private final int count;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final List<Event> held;
    private long firstNanos;

    BatchOperator(int count, long timeoutNanos, LongSupplier clock) {
        this.count = count;
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
        this.held = new ArrayList<>(Math.min(count, 1024));
    }

    @Override
    public void process(Event event, Emitter out) {
        long now = clock.getAsLong();
        if (!held.isEmpty() && now - firstNanos >= timeoutNanos) {
            flush(out);
        }
        if (held.isEmpty()) {
            firstNanos = now;
        }
        held.add(event);
        if (held.size() >= count) {
            flush(out);
        }
    }

    @Override
    public void tick(long nowNanos, Emitter out) {
        if (!held.isEmpty() && nowNanos - firstNanos >= timeoutNanos) {
            flush(out);
        }
    }

    @Override
    public void close(Emitter out) {
        if (!held.isEmpty()) {
            flush(out);
        }
    }

    private void flush(Emitter out) {
        List<Object> values = new ArrayList<>(held.size());
        for (Event event : held) {
            values.add(event.value());
        }
        Event batch = Event.merge(held, values);
        held.clear();
        out.emit(Emitter.OUT, batch);
    }

    @Override
    public Set<String> outputPorts() {
        return Set.of(Emitter.OUT);
    }
}
