package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.runtime.internal.config.ManagerConfig;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The server-wide manager defaults ({@code etc/weir.manager.cfg}, optional). */
@Component(service = {}, configurationPid = "weir.manager", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ManagerConfig.class)
public class ManagerDefaults {
    private final FlowEngine engine;

    @Activate
    public ManagerDefaults(@Reference FlowRuntime runtime, Map<String, Object> props) {
        this.engine = runtime.engine();
        engine.managerDefaults(props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        engine.managerDefaults(props);
    }

    @Deactivate
    void deactivate() {
        engine.managerDefaults(Map.of());
    }
}
