package io.weir.runtime.internal.flow;

/**
 * A connector type an installed bundle provides (a Declarative Services component for a source or
 * sink), whether or not any instance of it is configured.
 *
 * @param kind       {@code source} or {@code sink}
 * @param type       the type, from {@code weir.connector.type}
 * @param bundle     {@code symbolic-name version}
 * @param factoryPid the factory PID an instance is configured with
 */
public record ConnectorType(String kind, String type, String bundle, String factoryPid) {
}
