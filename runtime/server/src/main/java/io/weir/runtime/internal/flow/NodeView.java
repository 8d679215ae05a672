package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.stats.CounterSnapshot;
import io.weir.runtime.internal.stats.LatencySnapshot;

/**
 * One node of the flows as the shell shows it.
 *
 * @param label         {@code source/ticks}, {@code pipeline/main}, {@code sink/console}
 * @param type          the connector type, or {@code pipeline}
 * @param state         what it does
 * @param reason        why (what it waits for, why it paused or failed); may be null
 * @param origin        the file it is configured in; may be null when none is known
 * @param bundle        the bundle that provides it; may be null
 * @param counters      its counters
 * @param latency       end-to-end latency (sinks), or null
 * @param queue         what waits in its inbox (sinks and pipelines), or null
 * @param failures      consecutive failures of its plugin
 * @param lastError     the last error it saw; may be null
 * @param nodeCounters  per operator node counters (pipelines); empty otherwise
 */
public record NodeView(String label, String type, NodeState state, String reason, String origin, String bundle,
        CounterSnapshot counters, LatencySnapshot latency, QueueView queue, int failures, String lastError,
        Map<String, Map<String, Long>> nodeCounters) {
}
