package io.weir.runtime.internal.flow;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.weir.runtime.internal.stats.CounterSnapshot;
import io.weir.runtime.internal.stats.LatencySnapshot;

/** Renders flows, nodes, statistics and connectors as text for the shell. */
public final class FlowReport {
    private FlowReport() {
    }

    /**
     * @param flows the flows
     * @return one block per flow: its state, its nodes with state and counters, and what is wrong
     */
    public static String flows(List<FlowView> flows) {
        if (flows.isEmpty()) {
            return "No flows are configured. Add a file etc/weir.flow-<name>.cfg (see docs/configuration.md).\n";
        }
        StringBuilder out = new StringBuilder();
        for (FlowView flow : flows) {
            out.append("flow ").append(flow.name()).append("  ").append(flow.state().toUpperCase(Locale.ROOT));
            if (flow.origin() != null) {
                out.append("  (").append(flow.origin()).append(')');
            }
            out.append('\n');
            if (flow.description() != null) {
                out.append("  ").append(flow.description()).append('\n');
            }
            if (flow.reason() != null) {
                out.append("  why: ").append(flow.reason()).append('\n');
            }
            if (flow.error() != null && !"invalid".equals(flow.state())) {
                out.append("  last edit refused: ").append(flow.error()).append('\n');
            }
            int width = 0;
            for (NodeView node : flow.nodes()) {
                width = Math.max(width, node.label().length());
            }
            for (NodeView node : flow.nodes()) {
                out.append("  ").append(pad(node.label(), width)).append("  ")
                        .append(pad(node.type() == null ? "-" : node.type(), 10)).append("  ")
                        .append(pad(node.state().label(), 8)).append("  ").append(counters(node.counters()));
                if (node.queue() != null) {
                    out.append("  queued ").append(node.queue().describe());
                }
                if (node.latency() != null && node.latency().count() > 0) {
                    out.append("  p99 ").append(millis(node.latency().p99()));
                }
                if (node.bundle() != null) {
                    out.append("  [").append(node.bundle()).append(']');
                }
                out.append('\n');
                if (node.reason() != null) {
                    out.append("  ").append(pad("", width)).append("  ").append(node.reason()).append('\n');
                }
            }
            for (String warning : flow.warnings()) {
                out.append("  warning: ").append(warning).append('\n');
            }
            if (!flow.links().isEmpty()) {
                out.append("  links: ").append(String.join(", ", flow.links())).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * @param nodes every node
     * @return counters per node and port, sink latency percentiles, operator counters of pipelines
     */
    public static String stats(List<NodeView> nodes) {
        if (nodes.isEmpty()) {
            return "Nothing runs: no flow links any node.\n";
        }
        StringBuilder out = new StringBuilder();
        for (NodeView node : nodes) {
            CounterSnapshot c = node.counters();
            out.append(node.label()).append("  ").append(node.state().label()).append('\n');
            out.append("  ").append(counters(c));
            if (node.queue() != null) {
                out.append("  queued ").append(node.queue().describe());
            }
            if (node.failures() > 0) {
                out.append("  failures in a row ").append(node.failures());
            }
            out.append('\n');
            if (!c.ports().isEmpty()) {
                out.append("  ports:");
                c.ports().forEach((port, n) -> out.append(' ').append(port).append(' ').append(n));
                out.append('\n');
            }
            if (!c.errors().isEmpty()) {
                out.append("  connector errors:");
                c.errors().forEach((kind, n) -> out.append(' ').append(kind).append(' ').append(n));
                out.append('\n');
            }
            LatencySnapshot latency = node.latency();
            if (latency != null) {
                if (latency.count() == 0) {
                    out.append("  latency: nothing acknowledged yet\n");
                } else {
                    out.append("  latency (ingest to ack, ").append(latency.count()).append(" events): p50 ")
                            .append(millis(latency.p50())).append("  p90 ").append(millis(latency.p90()))
                            .append("  p99 ").append(millis(latency.p99())).append("  p99.9 ")
                            .append(millis(latency.p999())).append("  max ").append(millis(latency.max()))
                            .append('\n');
                }
            }
            for (Map.Entry<String, Map<String, Long>> operator : node.nodeCounters().entrySet()) {
                out.append("  node ").append(operator.getKey()).append(':');
                operator.getValue().forEach((name, n) -> out.append(' ').append(name).append(' ').append(n));
                out.append('\n');
            }
            if (node.lastError() != null) {
                out.append("  last error: ").append(node.lastError()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * @param types     the connector types the installed bundles provide
     * @param instances the connector instances registered
     * @param plugins   codecs, processors and operator types by kind
     * @return the listing
     */
    public static String connectors(List<ConnectorType> types, List<InstanceView> instances,
            Map<PluginKind, List<String>> plugins) {
        StringBuilder out = new StringBuilder("Connector types\n");
        if (types.isEmpty()) {
            out.append("  none: deploy a connector bundle into deploy/\n");
        }
        int width = 4;
        for (ConnectorType type : types) {
            width = Math.max(width, type.type().length());
        }
        for (ConnectorType type : types) {
            out.append("  ").append(pad(type.kind(), 6)).append("  ").append(pad(type.type(), width)).append("  ")
                    .append(type.bundle()).append("  configure: etc/").append(type.factoryPid())
                    .append("-<instance>.cfg\n");
        }
        out.append("Instances\n");
        if (instances.isEmpty()) {
            out.append("  none\n");
        }
        for (InstanceView instance : instances) {
            out.append("  ").append(instance.kind()).append('/').append(instance.name() == null ? "?" : instance.name())
                    .append("  ").append(instance.type()).append("  ").append(instance.bundle()).append("  ")
                    .append(instance.origin());
            if (instance.endpoint() != null) {
                out.append("  at ").append(instance.endpoint());
            }
            if (!instance.flows().isEmpty()) {
                out.append("  flows: ").append(String.join(", ", instance.flows()));
            }
            if (instance.note() != null) {
                out.append("  (").append(instance.note()).append(')');
            }
            out.append('\n');
        }
        plugins.forEach((kind, names) -> {
            String title = Character.toUpperCase(kind.word().charAt(0)) + kind.word().substring(1) + "s";
            out.append(title).append(": ").append(names.isEmpty() ? "none" : String.join(", ", names)).append('\n');
        });
        return out.toString();
    }

    private static String counters(CounterSnapshot c) {
        StringBuilder out = new StringBuilder();
        out.append("in ").append(c.in()).append("  out ").append(c.out()).append("  err ").append(c.err())
                .append("  dropped ").append(c.dropped());
        if (c.acked() > 0 || c.failed() > 0) {
            out.append("  acked ").append(c.acked()).append("  failed ").append(c.failed());
        }
        if (c.replayed() > 0) {
            out.append("  replayed ").append(c.replayed());
        }
        long connectorErrors = c.connectorErrors();
        if (connectorErrors > 0) {
            // Not events: what the connector rejected or lost before any event existed (weir:stats has the kinds).
            out.append("  connector errors ").append(connectorErrors);
        }
        return out.toString();
    }

    /**
     * @param nanos a duration
     * @return it in milliseconds with three significant decimals
     */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1_000_000.0);
    }

    private static String pad(String text, int width) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
    }
}
