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
 * @param properties    its service properties
 * @param bundle        the bundle that registered it, {@code symbolic-name version}
 * @param configuration the Configuration Admin configuration it was made from, or {@code null} when unknown
 */
public record ConnectorService(ConnectorKind kind, long serviceId, int ranking, Object instance,
        Map<String, Object> properties, String bundle, Map<String, Object> configuration) {

    /** Copies the properties. */
    public ConnectorService {
        properties = Map.copyOf(properties);
        configuration = configuration == null ? null : Map.copyOf(configuration);
    }

    /** A service whose configuration is not known apart from its service properties. */
    public ConnectorService(ConnectorKind kind, long serviceId, int ranking, Object instance,
            Map<String, Object> properties, String bundle) {
        this(kind, serviceId, ranking, instance, properties, bundle, null);
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
     * registrations of the same configuration compare equal (a new version of the plugin). Taken from
     * Configuration Admin when known: the service properties also hold the properties the plugin's
     * component declares, which a new version may change.
     *
     * @return the operator's keys and values
     */
    public Map<String, Object> operatorConfiguration() {
        Map<String, Object> config = new TreeMap<>();
        (configuration != null ? configuration : properties).forEach((k, v) -> {
            if (!ConfigValues.isFrameworkKey(k)) {
                config.put(k, v.getClass().isArray() ? ConfigValues.list(Map.of(k, v), k) : v);
            }
        });
        return config;
    }
}
