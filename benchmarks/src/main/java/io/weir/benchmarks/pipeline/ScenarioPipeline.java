package io.weir.benchmarks.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import io.weir.api.event.Event;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineCompiler;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.pipeline.internal.operator.FieldsOperatorFactory;
import io.weir.pipeline.internal.operator.FilterOperatorFactory;

/**
 * The scenario-1 pipeline, compiled by the real engine with the built-in operators: drop
 * {@code level == "debug"}, rename {@code level} to {@code severity}, add {@code proc}.
 */
public final class ScenarioPipeline {
    /** The pipeline file's properties, as in {@code etc/weir.pipeline-scenario1.cfg}. */
    public static final Map<String, Object> CONFIG = config();

    private ScenarioPipeline() {
    }

    /**
     * @param listener receives what leaves the pipeline
     * @return the compiled pipeline
     */
    public static Pipeline compile(PipelineListener listener) {
        Map<String, OperatorFactory> types = Map.of("filter", new FilterOperatorFactory(), "fields",
                new FieldsOperatorFactory());
        return PipelineCompiler.compile("scenario1", CONFIG, types::get, Map.of(), listener);
    }

    private static Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("node.drop_debug.type", "filter");
        config.put("node.drop_debug.expression", "event.level != \"debug\"");
        config.put("node.enrich.type", "fields");
        config.put("node.enrich.rename.level", "severity");
        config.put("node.enrich.set.proc", "\"weir\"");
        config.put("links", "in -> drop_debug -> enrich -> out");
        return Map.copyOf(config);
    }

    /** Counts what leaves the pipeline; anything but {@code out} and acknowledged drops is a fault. */
    public static final class Counter implements PipelineListener {
        /** Events that left through {@code out}. */
        public long emitted;
        /** Events dropped (acknowledged) inside the pipeline. */
        public long dropped;
        /** The last event emitted, so that the work cannot be optimised away. */
        public Event last;

        @Override
        public void emit(String port, Event event) {
            if (!"out".equals(port)) {
                throw new IllegalStateException("event on port " + port + ": " + event);
            }
            emitted++;
            last = event;
        }

        @Override
        public void complete(Event event, boolean success) {
            if (!success) {
                throw new IllegalStateException("event failed: " + event);
            }
            dropped++;
        }

        @Override
        public void pauseUpstream(String node, String reason) {
        }

        @Override
        public void resumeUpstream(String node) {
        }
    }
}
