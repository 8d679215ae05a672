package io.weir.runtime.internal.manager;

import java.util.Map;

import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;

/** Compiles one pipeline from its configuration; the engine binds the configuration and operator types. */
@FunctionalInterface
public interface PipelineBuilder {

    /**
     * @param listener      receives what the pipeline emits and completes
     * @param restoredState per-node state handed over from the pipeline this one replaces
     * @return the compiled pipeline
     * @throws IllegalArgumentException when the configuration is wrong; the message names the key
     */
    Pipeline build(PipelineListener listener, Map<String, Map<String, Object>> restoredState);
}
