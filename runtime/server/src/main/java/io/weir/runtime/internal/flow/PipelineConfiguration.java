package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.runtime.internal.config.ConfigValues;
import io.weir.runtime.internal.config.PipelineConfig;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One pipeline configuration ({@code etc/weir.pipeline-<name>.cfg}), handed to the engine on every edit. */
@Component(service = {}, configurationPid = "weir.pipeline", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PipelineConfig.class, factory = true)
public class PipelineConfiguration {
    private final FlowEngine engine;
    private final String name;

    @Activate
    public PipelineConfiguration(@Reference FlowRuntime runtime, Map<String, Object> props) {
        this.engine = runtime.engine();
        this.name = nameOf(props, "weir.pipeline");
        engine.pipelineConfigured(name, props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        engine.pipelineConfigured(name, props);
    }

    @Deactivate
    void deactivate() {
        engine.pipelineRemoved(name);
    }

    /**
     * @param props      a factory configuration's properties
     * @param factoryPid its factory PID
     * @return the instance name (what follows {@code ~}), or the PID without the factory PID
     */
    static String nameOf(Map<String, Object> props, String factoryPid) {
        String name = ConfigValues.instanceName(props);
        if (name != null) {
            return name;
        }
        String pid = String.valueOf(props.get("service.pid"));
        return pid.startsWith(factoryPid + ".") ? pid.substring(factoryPid.length() + 1) : pid;
    }
}
