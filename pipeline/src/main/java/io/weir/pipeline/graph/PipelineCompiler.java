package io.weir.pipeline.graph;

import java.util.Map;
import java.util.function.Function;

import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.internal.graph.GraphBuilder;

/**
 * Builds a {@link Pipeline} from its configuration: flat properties as FileInstall reads them from
 * {@code etc/weir.pipeline-<name>.cfg}. The format is described in {@code docs/pipelines.md}:
 *
 * <pre>
 * node.drop_debug.type = filter
 * node.drop_debug.expression = event.level != "debug"
 * node.enrich.type = fields
 * node.enrich.rename.level = severity
 * links = in -&gt; drop_debug -&gt; enrich -&gt; out, drop_debug.err -&gt; err
 * </pre>
 */
public final class PipelineCompiler {
    private PipelineCompiler() {
    }

    /**
     * Compiles a pipeline. Either the whole configuration is valid and every operator was created,
     * or nothing runs: operators created before the error are closed again.
     *
     * @param name          the pipeline's name, for messages and {@link Pipeline#name()}
     * @param config        the configuration properties; values are Strings or String arrays. Keys
     *                      other than {@code links} and {@code node.*} are ignored
     * @param operatorTypes finds the operator factory for a type name, null when none is installed
     * @param restoredState per-node state from the {@link Pipeline#snapshot()} of the pipeline this
     *                      one replaces, matched by node name; may be null or empty
     * @param listener      receives what the pipeline emits, completes and asks for
     * @return the pipeline, ready to process events
     * @throws IllegalArgumentException on any configuration error, with a message that starts with
     *                                  the key at fault (for example {@code node.enrich.type: ...} or
     *                                  {@code links: ...})
     */
    public static Pipeline compile(String name, Map<String, Object> config,
            Function<String, OperatorFactory> operatorTypes, Map<String, Map<String, Object>> restoredState,
            PipelineListener listener) {
        return GraphBuilder.build(name, config, operatorTypes, restoredState, listener);
    }
}
