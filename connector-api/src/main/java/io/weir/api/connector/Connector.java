package io.weir.api.connector;

/**
 * Names of the service properties a connector service carries.
 *
 * <p>A connector's component configuration is propagated to its service properties, so the
 * manager options that sit beside the connector's own options in the same configuration file
 * (codec, preprocessors, postprocessors, batching) reach the runtime without the connector having
 * to know them.
 */
public final class Connector {
    /** Service property: the connector type, for example {@code "tcp_server"}. Required. */
    public static final String TYPE = "weir.connector.type";
    /**
     * Service property: the instance name, unique among sources and among sinks. When absent the
     * runtime takes the name from the configuration's PID ({@code factoryPid~name}).
     */
    public static final String INSTANCE = "weir.connector.instance";

    private Connector() {
    }
}
