package io.weir.pipeline.internal.graph;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weir.api.operator.OperatorContext;
import io.weir.pipeline.graph.PipelineListener;

/** What the engine offers one node: its names, its restored state, and pausing the sources. */
final class NodeContext implements OperatorContext {
    private final String name;
    private final String pipeline;
    private final Map<String, Object> restoredState;
    private final PipelineListener listener;
    private final AtomicBoolean paused = new AtomicBoolean();

    NodeContext(String name, String pipeline, Map<String, Object> restoredState, PipelineListener listener) {
        this.name = name;
        this.pipeline = pipeline;
        this.restoredState = restoredState == null ? Map.of() : restoredState;
        this.listener = listener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String pipeline() {
        return pipeline;
    }

    @Override
    public Map<String, Object> restoredState() {
        return restoredState;
    }

    // Only state changes reach the listener, so the runtime sees one pause and one resume per episode.
    @Override
    public void pauseUpstream(String reason) {
        if (paused.compareAndSet(false, true)) {
            listener.pauseUpstream(name, reason);
        }
    }

    @Override
    public void resumeUpstream() {
        if (paused.compareAndSet(true, false)) {
            listener.resumeUpstream(name);
        }
    }
}
