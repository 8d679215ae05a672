package io.weir.runtime.internal.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.api.operator.OperatorFactory;
import io.weir.runtime.internal.config.ConnectorKind;
import io.weir.runtime.internal.testing.LineCodec;
import io.weir.runtime.internal.testing.ScriptedPipeline;
import io.weir.runtime.internal.testing.SplitLines;
import io.weir.runtime.internal.testing.Wait;

/** An engine with a test double compiler, and helpers to feed it configurations and services. */
final class EngineFixture implements AutoCloseable {
    final List<String> problems = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> compiles = new ConcurrentHashMap<>();
    final Map<String, List<ScriptedPipeline>> built = new ConcurrentHashMap<>();
    /** The node state each compile of a pipeline was given, in order. */
    final Map<String, List<Map<String, Map<String, Object>>>> restored = new ConcurrentHashMap<>();
    final AtomicLong ids = new AtomicLong(100);
    final FlowEngine engine;
    /** An operator type that passes events on. */
    final OperatorFactory pass = (context, options) -> (event, out) -> out.emit("out", event);

    EngineFixture() {
        engine = new FlowEngine((name, config, types, restoredState, listener) -> {
            compiles.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            for (Map.Entry<String, Object> e : config.entrySet()) {
                if (e.getKey().endsWith(".type") && types.apply(String.valueOf(e.getValue())) == null) {
                    throw new IllegalArgumentException(e.getKey() + ": unknown operator type");
                }
                if (e.getKey().endsWith(".expression") && String.valueOf(e.getValue()).contains("((")) {
                    throw new IllegalArgumentException(e.getKey() + ": @1:2 parse error");
                }
            }
            restored.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(restoredState);
            ScriptedPipeline pipeline = new ScriptedPipeline(name, listener, ScriptedPipeline.passThrough()) {
                @Override
                public Map<String, Map<String, Object>> snapshot() {
                    // One entry per node of the configuration, as a real pipeline hands over its operators' state.
                    Map<String, Map<String, Object>> state = new HashMap<>();
                    for (String key : config.keySet()) {
                        if (key.startsWith("node.") && key.endsWith(".type")) {
                            state.put(key.substring(5, key.length() - 5), Map.of("processed", (long) processed.get()));
                        }
                    }
                    return state;
                }
            };
            built.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(pipeline);
            return pipeline;
        }, problems::add);
    }

    /** Registers the usual plugins: codec 'lines', preprocessor 'split', postprocessor 'newline', operator 'pass'. */
    EngineFixture withPlugins() {
        engine.pluginAdded(PluginKind.CODEC, "lines", new LineCodec(), ids.incrementAndGet(), 0, "test.codecs 1.0.0");
        engine.pluginAdded(PluginKind.PREPROCESSOR, "split", new SplitLines(), ids.incrementAndGet(), 0,
                "test.processors 1.0.0");
        engine.pluginAdded(PluginKind.POSTPROCESSOR, "newline", SplitLines.terminator(), ids.incrementAndGet(), 0,
                "test.processors 1.0.0");
        engine.pluginAdded(PluginKind.OPERATOR, "pass", pass, ids.incrementAndGet(), 0, "test.operators 1.0.0");
        return this;
    }

    static Map<String, Object> file(String pid, String name, Object... keysAndValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("service.pid", pid + "~" + name);
        props.put("service.factoryPid", pid);
        props.put("felix.fileinstall.filename", "file:/opt/weir/etc/" + pid + "-" + name + ".cfg");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    ConnectorService source(String name, Object instance, Object... keysAndValues) {
        return connector(ConnectorKind.SOURCE, name, instance, keysAndValues);
    }

    ConnectorService sink(String name, Object instance, Object... keysAndValues) {
        return connector(ConnectorKind.SINK, name, instance, keysAndValues);
    }

    ConnectorService connector(ConnectorKind kind, String name, Object instance, Object... keysAndValues) {
        Map<String, Object> props = file(kind.pidPrefix() + "fake", name, keysAndValues);
        props.put("weir.connector.type", "fake");
        props.put("service.id", ids.incrementAndGet());
        ConnectorService service = new ConnectorService(kind, (Long) props.get("service.id"), 0, instance, props,
                "test.connectors 1.0.0");
        engine.connectorAdded(service);
        return service;
    }

    void pipeline(String name, Object... keysAndValues) {
        engine.pipelineConfigured(name, file("weir.pipeline", name, keysAndValues));
    }

    void flow(String name, String links) {
        engine.flowConfigured(name, file("weir.flow", name, "links", links));
    }

    FlowView flow(String name) {
        return engine.flows().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no flow " + name));
    }

    NodeView node(String flow, String label) {
        return flow(flow).nodes().stream().filter(n -> n.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + label + " in " + flow(flow)));
    }

    /** The pipelines built for runners (those only compiled to check a configuration never tick). */
    List<ScriptedPipeline> runners(String pipeline) {
        Wait.until("a runner of " + pipeline + " ticks", () -> built.getOrDefault(pipeline, List.of()).stream()
                .anyMatch(p -> p.ticks.get() > 0));
        return built.get(pipeline).stream().filter(p -> p.ticks.get() > 0).toList();
    }

    int compiles(String pipeline) {
        AtomicInteger n = compiles.get(pipeline);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        engine.close();
    }
}
