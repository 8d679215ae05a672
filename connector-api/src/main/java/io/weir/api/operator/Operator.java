package io.weir.api.operator;

import java.util.Map;

import io.weir.api.event.Event;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One node of a pipeline. A pipeline runs on one thread, so an operator is never called
 * concurrently and needs no locking.
 */
@ConsumerType
public interface Operator {

    /**
     * Processes one event: emits it (changed or not), emits new events, keeps it for later (a
     * batch), or drops it with {@link Emitter#complete(Event, boolean)}.
     *
     * @param event the event; the operator owns it from now on
     * @param out   where results go; only valid during this call
     * @throws Exception when the event cannot be processed; the runtime sends it to the node's
     *                   {@code err} port with the message, and the operator stays in place
     */
    void process(Event event, Emitter out) throws Exception;

    /**
     * Called at a regular interval (about every 10 ms) on the pipeline's thread, so that time-based
     * operators (batch timeouts, windows) can emit without waiting for the next event.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @param out      where results go
     * @throws Exception logged with the node's name; the operator stays in place
     */
    default void tick(long nowNanos, Emitter out) throws Exception {
    }

    /**
     * Returns the state to hand to the operator that replaces this one in a hot swap, as plain data.
     *
     * @return the state; empty when there is none
     */
    default Map<String, Object> snapshot() {
        return Map.of();
    }

    /**
     * The pipeline is stopping or being replaced: emit or drop what is held. Events still held
     * afterwards are failed so their sources can replay them.
     *
     * @param out where results go
     */
    default void close(Emitter out) {
    }
}
