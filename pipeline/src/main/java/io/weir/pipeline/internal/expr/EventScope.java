package io.weir.pipeline.internal.expr;

import java.util.Map;

import org.apache.commons.jexl3.JexlContext;

import io.weir.api.event.Event;

/**
 * The variables an expression sees: {@code event} (the event's value) and {@code meta} (its
 * metadata). One scope per node is bound to each event in turn, so evaluating allocates no context.
 * Not thread-safe, like the pipeline it serves.
 */
public final class EventScope implements JexlContext {
    static final String EVENT = "event";
    static final String META = "meta";

    private Object value;
    private Map<String, Object> meta;

    /**
     * @param event the event the next evaluations look at
     * @return this scope
     */
    public EventScope bind(Event event) {
        this.value = event.value();
        this.meta = event.meta();
        return this;
    }

    /** @return the bound event's value */
    Object value() {
        return value;
    }

    /** @return the bound event's metadata */
    Map<String, Object> meta() {
        return meta;
    }

    /** Lets go of the event last bound, so a scope does not keep it alive. */
    public void clear() {
        this.value = null;
        this.meta = null;
    }

    @Override
    public Object get(String name) {
        if (EVENT.equals(name)) {
            return value;
        }
        return META.equals(name) ? meta : null;
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("expressions cannot assign variables (" + name + ")");
    }

    @Override
    public boolean has(String name) {
        return EVENT.equals(name) || META.equals(name);
    }
}
