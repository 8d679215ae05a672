package io.weir.runtime.internal.flow;

import java.util.Map;
import java.util.TreeMap;

import io.weir.api.connector.Connector;
import io.weir.runtime.internal.config.ConfigValues;
import io.weir.runtime.internal.config.ConnectorKind;

/**
 * A connector instance as registered in the service registry: a source or sink service, its
 * properties (the connector's configuration, manager options included) and where it comes from.
 *
 * @param kind       source or sink
 * @param serviceId  its service id
 * @param ranking    its service ranking
 * @param instance   the {@link io.weir.api.connector.Source} or {@link io.weir.api.connector.Sink}
 * @param properties its service properties
 * @param bundle     the bundle that registered it, {@code symbolic-name version}
 */
public record ConnectorService(ConnectorKind kind, long serviceId, int ranking, Object instance,
        Map<String, Object> properties, String bundle) {

    /** Copies the properties. */
    public ConnectorService {
        properties = Map.copyOf(properties);
    }

    /**
     * The instance name: the {@value Connector#INSTANCE} property, else what follows {@code ~} in the
     * configuration's PID.
     *
     * @return the name, or {@code null} when the service has neither
     */
    public String name() {
        String explicit = ConfigValues.text(properties, Connector.INSTANCE);
        return explicit != null ? explicit : ConfigValues.instanceName(properties);
    }

    /** @return the connector type, or {@code "?"} when the service does not say */
    public String type() {
        String type = ConfigValues.text(properties, Connector.TYPE);
        return type == null ? "?" : type;
    }

    /** @return the file its configuration came from, for messages */
    public String origin() {
        return ConfigValues.origin(properties);
    }

    /**
     * The configuration as the operator wrote it, without what the framework adds, so that two
     * registrations of the same configuration compare equal (a new version of the plugin).
     *
     * @return the operator's keys and values
     */
    public Map<String, Object> operatorConfiguration() {
        Map<String, Object> config = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (!ConfigValues.isFrameworkKey(k)) {
                config.put(k, v.getClass().isArray() ? ConfigValues.list(Map.of(k, v), k) : v);
            }
        });
        return config;
    }
}
