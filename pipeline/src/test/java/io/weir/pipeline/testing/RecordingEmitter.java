package io.weir.pipeline.testing;

import java.util.ArrayList;
import java.util.List;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;

/** An {@link Emitter} that remembers what an operator emitted and completed. */
public final class RecordingEmitter implements Emitter {
    public final List<String> ports = new ArrayList<>();
    public final List<Event> emitted = new ArrayList<>();
    public final List<Event> acked = new ArrayList<>();
    public final List<Event> failed = new ArrayList<>();

    @Override
    public void emit(String port, Event event) {
        ports.add(port);
        emitted.add(event);
    }

    @Override
    public void complete(Event event, boolean success) {
        (success ? acked : failed).add(event);
    }

    /** @return the values of the events emitted, in order */
    public List<Object> values() {
        List<Object> values = new ArrayList<>();
        for (Event event : emitted) {
            values.add(event.value());
        }
        return values;
    }

    public void clear() {
        ports.clear();
        emitted.clear();
        acked.clear();
        failed.clear();
    }
}
