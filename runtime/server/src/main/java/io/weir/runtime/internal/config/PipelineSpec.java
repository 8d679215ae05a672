package io.weir.runtime.internal.config;

import java.util.Map;

/**
 * A pipeline as configured in {@code etc/weir.pipeline-<name>.cfg}: the properties the pipeline
 * compiler reads ({@code node.*}, {@code links}, see docs/pipelines.md) and the runner's own options.
 *
 * @param name               the pipeline's name
 * @param origin             the file it came from, for messages
 * @param config             the operator's keys, without the framework's
 * @param operatorTypes      node name to operator type, from the {@code node.<name>.type} keys
 * @param queueCapacity      events that may wait in front of the pipeline
 * @param batchSize          events per batch it hands downstream
 * @param tickIntervalMillis how often its time-based operators get a tick
 */
public record PipelineSpec(String name, String origin, Map<String, Object> config, Map<String, String> operatorTypes,
        int queueCapacity, int batchSize, long tickIntervalMillis) {

    /** Copies the maps. */
    public PipelineSpec {
        config = Map.copyOf(config);
        operatorTypes = Map.copyOf(operatorTypes);
    }

    /**
     * Whether the other spec compiles to the same pipeline (the runner's options may differ).
     *
     * @param other another spec
     * @return whether the compiler's keys are equal
     */
    public boolean sameGraph(PipelineSpec other) {
        return other != null && graphKeys(other.config).equals(graphKeys(config));
    }

    private static Map<String, Object> graphKeys(Map<String, Object> config) {
        Map<String, Object> graph = new java.util.HashMap<>(config);
        graph.keySet().removeIf(PipelineParser.RUNNER_KEYS::contains);
        return graph;
    }
}
