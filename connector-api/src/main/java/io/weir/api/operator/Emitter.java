package io.weir.api.operator;

import io.weir.api.event.Event;

import org.osgi.annotation.versioning.ProviderType;

/** Where an {@link Operator} sends its results. Implemented by the runtime. */
@ProviderType
public interface Emitter {
    /** The default output port. */
    String OUT = "out";
    /** The port for events that could not be processed. */
    String ERR = "err";

    /**
     * Sends an event to a port. Events on a port nobody connected are dropped and counted.
     *
     * @param port  the output port
     * @param event the event; the operator gives up ownership
     */
    void emit(String port, Event event);

    /**
     * Acknowledges an event the operator consumed without emitting it (a filter that drops), or
     * fails one it could not keep. Events that the operator neither emits nor completes are
     * failed when the pipeline stops.
     *
     * @param event   the event
     * @param success {@code true} to acknowledge, {@code false} to fail
     */
    void complete(Event event, boolean success);
}
