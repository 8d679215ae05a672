package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.runtime.internal.config.FlowConfig;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One flow configuration ({@code etc/weir.flow-<name>.cfg}), handed to the engine on every edit. */
@Component(service = {}, configurationPid = "weir.flow", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FlowConfig.class, factory = true)
public class FlowConfiguration {
    private final FlowEngine engine;
    private final String name;

    @Activate
    public FlowConfiguration(@Reference FlowRuntime runtime, Map<String, Object> props) {
        this.engine = runtime.engine();
        this.name = PipelineConfiguration.nameOf(props, "weir.flow");
        engine.flowConfigured(name, props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        engine.flowConfigured(name, props);
    }

    @Deactivate
    void deactivate() {
        engine.flowRemoved(name);
    }
}
