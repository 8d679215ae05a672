package io.weir.pipeline.internal.graph;

import io.weir.pipeline.graph.PipelineListener;

/**
 * Watches the pipeline outputs one port of a {@link PortAware} operator leads to, and tells the
 * operator when the port's health changes.
 */
final class HealthWatch {
    private final Node node;
    private final PortAware operator;
    private final String port;
    private final int[] outputs;
    private final PipelineListener listener;
    private boolean healthy = true;

    HealthWatch(Node node, PortAware operator, String port, int[] outputs, PipelineListener listener) {
        this.node = node;
        this.operator = operator;
        this.port = port;
        this.outputs = outputs;
        this.listener = listener;
    }

    void update(boolean[] outputHealthy) {
        boolean now = true;
        for (int output : outputs) {
            now &= outputHealthy[output];
        }
        if (now != healthy) {
            healthy = now;
            try {
                operator.portHealth(port, now);
            } catch (Throwable t) {
                Fatal.rethrowIfFatal(t);
                node.thrown++;
                listener.operatorFailed(node.name, "portHealth", t);
            }
        }
    }
}
