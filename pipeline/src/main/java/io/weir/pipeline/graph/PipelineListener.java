package io.weir.pipeline.graph;

import io.weir.api.event.Event;

/**
 * Receives what a {@link Pipeline} produces. Implemented by the runtime. {@link #emit} and
 * {@link #complete} are called on the pipeline's thread only; {@link #pauseUpstream} and
 * {@link #resumeUpstream} are called on whatever thread the operator asks from (the built-in
 * operators ask on the pipeline's thread), so they must be thread-safe.
 */
public interface PipelineListener {

    /**
     * An event left the pipeline through one of its output ports (for example {@code out} or
     * {@code err}). Events on {@code err} carry the reason in {@code meta.error} and the node that
     * failed in {@code meta.error_node}. When nothing is connected to the port, the runtime fails
     * the event.
     *
     * @param port  the pipeline's output port
     * @param event the event; the listener owns it from now on
     */
    void emit(String port, Event event);

    /**
     * An event ended inside the pipeline: dropped by a filter or emitted to an unlinked port
     * ({@code success} true), or failed by an operator ({@code success} false).
     *
     * @param event   the event
     * @param success whether to acknowledge or fail it upstream
     */
    void complete(Event event, boolean success);

    /**
     * An operator asks to pause the sources feeding this pipeline (backpressure). Called once per
     * node when its request starts, not again while it stands.
     *
     * @param node   the operator node asking
     * @param reason why, for the shell
     */
    void pauseUpstream(String node, String reason);

    /**
     * The operator withdraws its pause request. The sources resume when no node of any pipeline
     * feeding on them still asks for a pause.
     *
     * @param node the operator node
     */
    void resumeUpstream(String node);

    /**
     * An operator threw outside of event processing: from {@code tick}, {@code snapshot},
     * {@code close} or {@code portHealth} (the round-robin's health signal). The operator stays in
     * place. A broken {@code tick} may repeat every tick, so the runtime should log it
     * rate-limited. (Exceptions from {@code process} are not reported here: the event goes to the
     * {@code err} port and is counted.)
     *
     * @param node  the operator node
     * @param call  {@code tick}, {@code snapshot}, {@code close} or {@code portHealth}
     * @param error what it threw
     */
    default void operatorFailed(String node, String call, Throwable error) {
    }
}
