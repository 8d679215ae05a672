package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.api.operator.OperatorFactory;
import io.weir.runtime.internal.config.PipelineSpec;

/**
 * What a pipeline runner runs: the graph, the runner options that need a new runner, and the
 * operator factories it was compiled with (compared by identity: a new version of an operator
 * bundle means a new runner). The queue capacity is not part of it: it changes in place.
 *
 * @param spec      the pipeline's configuration
 * @param factories operator type to the factory used
 */
record PipelineKey(PipelineSpec spec, Map<String, OperatorFactory> factories) {

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PipelineKey other) || !other.spec.sameGraph(spec) || other.spec.batchSize() != spec.batchSize()
                || other.spec.tickIntervalMillis() != spec.tickIntervalMillis()
                || !other.factories.keySet().equals(factories.keySet())) {
            return false;
        }
        for (Map.Entry<String, OperatorFactory> e : factories.entrySet()) {
            if (other.factories.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return factories.keySet().hashCode();
    }
}
