package io.weir.runtime.internal.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.Source;
import io.weir.runtime.internal.flow.ConnectorType;
import io.weir.runtime.internal.flow.FlowEngine;
import io.weir.runtime.internal.flow.FlowReport;
import io.weir.runtime.internal.flow.FlowRuntime;
import io.weir.runtime.internal.flow.FlowView;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Shell commands about flows: {@code weir:flows}, {@code weir:connectors}, {@code weir:stats},
 * {@code weir:pause} and {@code weir:resume}.
 */
@Component(service = FlowCommands.class, property = {
    "osgi.command.scope=weir",
    "osgi.command.function=flows",
    "osgi.command.function=connectors",
    "osgi.command.function=stats",
    "osgi.command.function=pause",
    "osgi.command.function=resume"
})
public class FlowCommands {
    private final FlowEngine engine;
    private final ServiceComponentRuntime scr;

    /** Reads the flow engine and the DS runtime. */
    @Activate
    public FlowCommands(@Reference FlowRuntime runtime, @Reference ServiceComponentRuntime scr) {
        this.engine = runtime.engine();
        this.scr = scr;
    }

    /** Lists every flow. */
    @Descriptor("List the flows: for each, its state (running, paused, waiting, swapping, quarantined, failed,"
            + " finished, invalid) and why, then each source, pipeline and sink it links with its state, counters (in,"
            + " out, err, dropped; acked and failed for sources; replayed for sinks; connector errors, what a source"
            + " rejected or lost itself), queue, sink latency and the plugin bundle and version it runs")
    public String flows() {
        return FlowReport.flows(engine.flows());
    }

    /** Shows one flow. */
    @Descriptor("Show one flow: its state and why, its nodes with state, counters and plugin version, and its links")
    public String flows(@Descriptor("the flow's name (from etc/weir.flow-<name>.cfg)") String name) {
        List<FlowView> one = engine.flows().stream().filter(f -> f.name().equals(name)).toList();
        if (one.isEmpty()) {
            // After the lookup: an invalid flow may have any name, and this shows invalid flows too.
            NameArgument.check(name, FlowCommands.class, "flows");
            throw new IllegalArgumentException("no flow named '" + name + "'; weir:flows lists them");
        }
        return FlowReport.flows(one);
    }

    /** Lists connector types, instances and the other plugins. */
    @Descriptor("List the connector types the installed bundles provide (with bundle, version and the file name an"
            + " instance is configured in), the configured instances with the bundle and version they run on and the"
            + " flows that use them, and the codecs, preprocessors, postprocessors and operator types available")
    public String connectors() {
        return FlowReport.connectors(types(), engine.instances(), engine.pluginNames());
    }

    /** Shows counters and latency. */
    @Descriptor("Show the counters of every running node: events in, out, err and dropped, per output port,"
            + " acknowledgements delivered to sources, connector errors per kind (input a source rejected or data it"
            + " lost: oversize, bad_request, tls...), queue fill, sink end-to-end latency percentiles (ingest to"
            + " acknowledgement), per-operator counters of pipelines and the last error")
    public String stats() {
        return FlowReport.stats(engine.nodes());
    }

    /** Pauses a flow. */
    @Descriptor("Pause a flow: its sources stop pulling (and are told to pause); events already taken are still"
            + " delivered. Not kept across a restart")
    public String pause(@Descriptor("the flow's name") String name) {
        try {
            return engine.pause(name);
        } catch (IllegalArgumentException e) {
            // After the lookup: an invalid flow may have any name, and is refused saying why.
            NameArgument.check(name, FlowCommands.class, "pause");
            throw e;
        }
    }

    /** Resumes a flow. */
    @Descriptor("Resume a flow paused with weir:pause")
    public String resume(@Descriptor("the flow's name") String name) {
        try {
            return engine.resume(name);
        } catch (IllegalArgumentException e) {
            NameArgument.check(name, FlowCommands.class, "resume");
            throw e;
        }
    }

    private List<ConnectorType> types() {
        List<ConnectorType> types = new ArrayList<>();
        for (ComponentDescriptionDTO dto : scr.getComponentDescriptionDTOs()) {
            String kind = null;
            for (String service : dto.serviceInterfaces) {
                if (service.equals(Source.class.getName())) {
                    kind = "source";
                } else if (service.equals(Sink.class.getName())) {
                    kind = "sink";
                }
            }
            if (kind == null) {
                continue;
            }
            Map<String, Object> props = dto.properties;
            Object type = props == null ? null : props.get(Connector.TYPE);
            String pid = dto.configurationPid == null || dto.configurationPid.length == 0 ? dto.name
                    : dto.configurationPid[0];
            types.add(new ConnectorType(kind, type == null ? "?" : String.valueOf(type),
                    dto.bundle.symbolicName + " " + dto.bundle.version, pid));
        }
        types.sort(Comparator.comparing(ConnectorType::kind).reversed().thenComparing(ConnectorType::type));
        return types;
    }
}
