package io.weir.runtime.internal.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.weir.pipeline.graph.PipelineCompiler;
import io.weir.pipeline.internal.codec.JsonCodec;
import io.weir.pipeline.internal.operator.BatchOperatorFactory;
import io.weir.pipeline.internal.operator.FieldsOperatorFactory;
import io.weir.pipeline.internal.operator.FilterOperatorFactory;
import io.weir.pipeline.internal.operator.RoundRobinOperatorFactory;
import io.weir.pipeline.internal.operator.RouteOperatorFactory;
import io.weir.pipeline.internal.operator.WindowOperatorFactory;
import io.weir.pipeline.internal.processor.SeparatePostprocessorFactory;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;
import io.weir.runtime.internal.config.ConnectorKind;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

/**
 * The configuration the distribution ships (config/etc) and the examples (config/examples), read as
 * FileInstall reads them and run by the engine with the real pipeline compiler, codecs, processors
 * and operators; the connectors are test doubles registered under the instance names the files give.
 */
public class ShippedConfigurationTest {
    private static final Path CONFIG = Paths.get("..", "..", "config");

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final FlowEngine engine = new FlowEngine(PipelineCompiler::compile, problems::add);
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, FakeSource> sources = new HashMap<>();
    private final Map<String, FakeSink> sinks = new HashMap<>();

    @After
    public void stop() {
        engine.close();
    }

    private void plugins() {
        engine.pluginAdded(PluginKind.CODEC, "json", new JsonCodec(), ids.incrementAndGet(), 0, "io.weir.pipeline");
        engine.pluginAdded(PluginKind.PREPROCESSOR, "separate", new SeparatePreprocessorFactory(),
                ids.incrementAndGet(), 0, "io.weir.pipeline");
        engine.pluginAdded(PluginKind.POSTPROCESSOR, "separate", new SeparatePostprocessorFactory(),
                ids.incrementAndGet(), 0, "io.weir.pipeline");
        engine.pluginAdded(PluginKind.OPERATOR, "filter", new FilterOperatorFactory(), ids.incrementAndGet(), 0, "p");
        engine.pluginAdded(PluginKind.OPERATOR, "fields", new FieldsOperatorFactory(), ids.incrementAndGet(), 0, "p");
        engine.pluginAdded(PluginKind.OPERATOR, "window", new WindowOperatorFactory(), ids.incrementAndGet(), 0, "p");
        engine.pluginAdded(PluginKind.OPERATOR, "batch", new BatchOperatorFactory(), ids.incrementAndGet(), 0, "p");
        engine.pluginAdded(PluginKind.OPERATOR, "route", new RouteOperatorFactory(), ids.incrementAndGet(), 0, "p");
        engine.pluginAdded(PluginKind.OPERATOR, "round_robin", new RoundRobinOperatorFactory(),
                ids.incrementAndGet(), 0, "p");
    }

    /** Feeds every file of a folder to the engine as FileInstall and DS would. */
    private void load(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(folder)) {
            // the flow files only: etc/ also holds the launcher's FileInstall and logging files
            files = all.filter(p -> p.getFileName().toString().startsWith("weir.")
                    && p.toString().endsWith(".cfg")).sorted().toList();
        }
        for (Path file : files) {
            String base = file.getFileName().toString().replace(".cfg", "");
            int dash = base.indexOf('-');
            String factoryPid = base.substring(0, dash);
            String name = base.substring(dash + 1);
            Map<String, Object> props = new HashMap<>();
            Properties read = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read.load(reader);
            }
            read.forEach((k, v) -> props.put((String) k, v));
            props.put("service.pid", factoryPid + "~" + name);
            props.put("felix.fileinstall.filename", file.toUri().toString());
            if (factoryPid.equals("weir.flow")) {
                engine.flowConfigured(name, props);
            } else if (factoryPid.equals("weir.pipeline")) {
                engine.pipelineConfigured(name, props);
            } else {
                ConnectorKind kind = factoryPid.startsWith("weir.source.") ? ConnectorKind.SOURCE : ConnectorKind.SINK;
                props.put("weir.connector.type", factoryPid.substring(kind.pidPrefix().length()));
                Object instance;
                if (kind == ConnectorKind.SOURCE) {
                    FakeSource source = new FakeSource();
                    sources.put(name, source);
                    instance = source;
                } else {
                    FakeSink sink = new FakeSink();
                    sinks.put(name, sink);
                    instance = sink;
                }
                engine.connectorAdded(new ConnectorService(kind, ids.incrementAndGet(), 0, instance, props, "test"));
            }
        }
    }

    @Test
    public void theDefaultFlowStampsTicksAndPrintsThemAsJsonLines() throws IOException {
        plugins();
        load(CONFIG.resolve("etc"));
        assertEquals(List.of(), problems);
        FakeSource ticks = sources.get("ticks");
        FakeSink console = sinks.get("console");
        ticks.value(0, 0, new java.util.LinkedHashMap<>(Map.of("onramp", "metronome", "id", 0L)));
        Wait.until("a line on the console", () -> console.frames.size() == 1);
        String line = console.frames.get(0);
        assertTrue(line, line.endsWith("\n"));
        assertTrue(line, line.contains("\"greeting\":\"hello from weir\""));
        assertTrue(line, line.contains("\"onramp\":\"metronome\""));
        assertEquals("running", engine.flows().get(0).state());
    }

    @Test
    public void everyExampleLoadsWithoutAProblemAndRuns() throws IOException {
        plugins();
        List<String> folders = new ArrayList<>();
        try (Stream<Path> all = Files.list(CONFIG.resolve("examples"))) {
            for (Path folder : all.filter(Files::isDirectory).sorted().toList()) {
                load(folder);
                folders.add(folder.getFileName().toString());
            }
        }
        assertEquals(List.of("benchmark", "json-lines", "round-robin", "window"), folders);
        assertEquals(List.of(), problems);
        Wait.until("every example flow runs: " + engine.flows(), () -> engine.flows().stream()
                .allMatch(f -> f.state().equals("running") && f.warnings().isEmpty()));
        assertEquals(4, engine.flows().size());
    }
}
