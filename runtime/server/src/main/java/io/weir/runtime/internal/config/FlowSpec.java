package io.weir.runtime.internal.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A flow as configured in {@code etc/weir.flow-<name>.cfg}: which sources, pipelines and sinks it
 * links, and how.
 *
 * @param name        the flow's name
 * @param origin      the file it came from, for messages
 * @param description what it is for, as the operator wrote it; may be null
 * @param links       the links, in file order
 */
public record FlowSpec(String name, String origin, String description, List<Link> links) {

    /** Copies the links. */
    public FlowSpec {
        links = List.copyOf(links);
    }

    /** @return every node the flow links, in order of first appearance, as {@code kind/name} */
    public Set<String> nodes() {
        Set<String> nodes = new LinkedHashSet<>();
        for (Link link : links) {
            nodes.add(link.from().node());
            nodes.add(link.to().node());
        }
        return nodes;
    }

    /**
     * Whether two specs wire the same links (the file may differ in comments or description).
     *
     * @param other another spec
     * @return true when the links are equal
     */
    public boolean sameLinks(FlowSpec other) {
        return other != null && other.links.equals(links);
    }
}
