package io.weir.pipeline.graph;

import io.weir.api.event.Event;

/**
 * Receives what a {@link Pipeline} produces. Implemented by the runtime; called on the pipeline's
 * thread only.
 */
public interface PipelineListener {

    /**
     * An event left the pipeline through one of its output ports (for example {@code out} or
     * {@code err}).
     *
     * @param port  the pipeline's output port
     * @param event the event
     */
    void emit(String port, Event event);

    /**
     * An event ended inside the pipeline: dropped by a filter ({@code success} true) or failed by an
     * operator ({@code success} false).
     *
     * @param event   the event
     * @param success whether to acknowledge or fail it upstream
     */
    void complete(Event event, boolean success);

    /**
     * An operator asks to pause the sources feeding this pipeline (backpressure).
     *
     * @param node   the operator node asking
     * @param reason why
     */
    void pauseUpstream(String node, String reason);

    /**
     * The operator withdraws its pause request.
     *
     * @param node the operator node
     */
    void resumeUpstream(String node);
}
