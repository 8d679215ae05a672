package io.weir.runtime.internal.flow;

import java.util.List;

/**
 * A connector instance registered in the server, as {@code weir:connectors} shows it.
 *
 * @param kind   {@code source} or {@code sink}
 * @param name   the instance name, or null when it has none
 * @param type   the connector type
 * @param bundle the bundle that provides it
 * @param origin its configuration file
 * @param flows  the flows that use it
 * @param note     why it is not used, when it is not (a duplicate name, no name); may be null
 * @param endpoint where a running source listens, as it reported (SourceContext.endpoint); may be null
 */
public record InstanceView(String kind, String name, String type, String bundle, String origin, List<String> flows,
        String note, String endpoint) {

    /** An instance that reported no endpoint. */
    public InstanceView(String kind, String name, String type, String bundle, String origin, List<String> flows,
            String note) {
        this(kind, name, type, bundle, origin, flows, note, null);
    }
}
