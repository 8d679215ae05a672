package io.weir.pipeline.internal.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A pipeline configuration read from flat properties and checked as a graph: every node has a type,
 * every link names existing nodes or pipeline ports, no port is linked twice, every node is fed,
 * and there is no cycle. Knows nothing about operator types; see {@link GraphBuilder} for that.
 *
 * <pre>
 * node.drop_debug.type = filter
 * node.drop_debug.expression = event.level != "debug"
 * links = in -&gt; drop_debug -&gt; out, drop_debug.err -&gt; err
 * </pre>
 */
public final class PipelineConfig {
    static final String LINKS = "links";
    private static final String NODE_PREFIX = "node.";
    private static final String TYPE = "type";

    /** One operator node: its name, operator type and options (keys without {@code node.<name>.}). */
    public static final class NodeSpec {
        final String name;
        final String type;
        final Map<String, Object> options;

        NodeSpec(String name, String type, Map<String, Object> options) {
            this.name = name;
            this.type = type;
            this.options = Collections.unmodifiableMap(options);
        }
    }

    /**
     * One link: from a node's port, or from a pipeline input port ({@code fromPort} null), to a
     * node or a pipeline output port.
     */
    public static final class Link {
        final String from;
        final String fromPort;
        final String to;

        Link(String from, String fromPort, String to) {
            this.from = from;
            this.fromPort = fromPort;
            this.to = to;
        }

        String source() {
            return fromPort == null ? from : from + "." + fromPort;
        }
    }

    final Map<String, NodeSpec> nodes;
    final List<Link> links;
    final Set<String> inputs;
    final Set<String> outputs;
    /** Node names, upstream first. */
    final List<String> order;

    private PipelineConfig(Map<String, NodeSpec> nodes, List<Link> links, Set<String> inputs,
            Set<String> outputs, List<String> order) {
        this.nodes = nodes;
        this.links = links;
        this.inputs = inputs;
        this.outputs = outputs;
        this.order = order;
    }

    /**
     * Reads and checks a configuration. Keys other than {@code links} and {@code node.*} are
     * ignored: the runtime and FileInstall keep their own keys in the same file.
     *
     * @param config the properties; values are Strings or String arrays
     * @return the checked configuration
     * @throws IllegalArgumentException naming the key at fault
     */
    public static PipelineConfig parse(Map<String, ?> config) {
        Map<String, NodeSpec> nodes = readNodes(config);
        Object rawLinks = config.get(LINKS);
        if (rawLinks == null) {
            throw new IllegalArgumentException(LINKS + ": missing; give the graph, for example 'links = in -> "
                    + (nodes.isEmpty() ? "out" : nodes.keySet().iterator().next() + " -> out") + "'");
        }
        LinkReader reader = new LinkReader(nodes.keySet());
        for (String chain : text(LINKS, rawLinks).split(",")) {
            reader.chain(chain);
        }
        reader.checkPorts();
        List<String> order = topologicalOrder(nodes.keySet(), reader.links);
        return new PipelineConfig(nodes, reader.links, reader.inputs, reader.outputs, order);
    }

    private static Map<String, NodeSpec> readNodes(Map<String, ?> config) {
        Map<String, Map<String, Object>> options = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(NODE_PREFIX)) {
                continue;
            }
            int dot = key.indexOf('.', NODE_PREFIX.length());
            String name = key.substring(NODE_PREFIX.length(), dot < 0 ? key.length() : dot);
            if (dot < 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException(key + ": expected node." + name + ".<option>, for example node."
                        + name + ".type");
            }
            if (!Names.valid(name)) {
                throw new IllegalArgumentException(key + ": '" + name
                        + "' is not a valid node name (letters, digits, '_' and inner '-')");
            }
            String option = key.substring(dot + 1);
            if (option.equals(TYPE)) {
                types.put(name, text(key, entry.getValue()).trim());
            } else {
                options.computeIfAbsent(name, n -> new TreeMap<>()).put(option, entry.getValue());
            }
        }
        for (String name : options.keySet()) {
            if (!types.containsKey(name)) {
                String first = options.get(name).keySet().iterator().next();
                throw new IllegalArgumentException("node." + name + ".type: missing; node." + name + "." + first
                        + " is set, so node " + name + " needs an operator type");
            }
        }
        Map<String, NodeSpec> nodes = new TreeMap<>();
        for (Map.Entry<String, String> type : types.entrySet()) {
            String name = type.getKey();
            String key = NODE_PREFIX + name + "." + TYPE;
            if (type.getValue().isEmpty()) {
                throw new IllegalArgumentException(key + ": empty; name an operator type, for example filter");
            }
            if (name.equals(Names.IN) || name.equals(Names.OUT) || name.equals(Names.ERR)) {
                throw new IllegalArgumentException(key + ": '" + name
                        + "' cannot name a node: in, out and err name the pipeline's own ports");
            }
            nodes.put(name, new NodeSpec(name, type.getValue(),
                    options.getOrDefault(name, new TreeMap<>())));
        }
        return nodes;
    }

    private static String text(String key, Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof String[]) {
            return String.join(",", (String[]) value);
        }
        throw new IllegalArgumentException(key + ": expected text, got " + value);
    }

    /** Reads link chains such as {@code in -> a -> b.err -> out}. */
    private static final class LinkReader {
        final Set<String> nodes;
        final List<Link> links = new ArrayList<>();
        final Set<String> inputs = new LinkedHashSet<>();
        final Set<String> outputs = new LinkedHashSet<>();
        final Map<String, String> linkedPorts = new LinkedHashMap<>();

        LinkReader(Set<String> nodes) {
            this.nodes = nodes;
        }

        /**
         * An example for a chain without an arrow: for a lone name, a link to it; else what was written
         * with its would-be arrows ({@code =>}, {@code >}, {@code →}, or just spaces) made {@code ->}, if
         * that gives a chain of names. Nothing when neither fits.
         */
        static String example(String chain) {
            if (element(chain)) {
                return ", for example 'in -> " + chain + "'";
            }
            String[] parts = chain.split("\\s*(?:[-=~]*>+|\u2192|\u21d2|\u27f6)\\s*|\\s+", -1);
            if (parts.length < 2) {
                return "";
            }
            for (String part : parts) {
                if (!element(part)) {
                    return "";
                }
            }
            return ", for example '" + String.join(" -> ", parts) + "'";
        }

        private static boolean element(String element) {
            int dot = element.indexOf('.');
            return dot < 0 ? Names.valid(element)
                    : Names.valid(element.substring(0, dot)) && Names.valid(element.substring(dot + 1));
        }

        void chain(String chain) {
            String trimmed = chain.trim();
            if (trimmed.isEmpty()) {
                return;
            }
            String[] parts = trimmed.split("->", -1);
            if (parts.length < 2) {
                throw new IllegalArgumentException(LINKS + ": '" + trimmed + "' is not a link; write 'from -> to'"
                        + example(trimmed));
            }
            String previous = null;
            String previousPort = null;
            for (int i = 0; i < parts.length; i++) {
                String element = parts[i].trim();
                boolean first = i == 0;
                boolean last = i == parts.length - 1;
                int dot = element.indexOf('.');
                String name = dot < 0 ? element : element.substring(0, dot);
                String port = dot < 0 ? null : element.substring(dot + 1);
                if (!Names.valid(name) || (port != null && !Names.valid(port))) {
                    throw new IllegalArgumentException(LINKS + ": '" + element + "' in '" + trimmed
                            + "' is not a name or name.port (letters, digits, '_' and inner '-')");
                }
                boolean isNode = nodes.contains(name);
                if (port != null && !isNode) {
                    throw new IllegalArgumentException(LINKS + ": '" + element + "' names a port of '" + name
                            + "', which is not a node (no node." + name + ".type)");
                }
                if (port != null && last) {
                    throw new IllegalArgumentException(LINKS + ": '" + element + "' ends '" + trimmed
                            + "'; a node has a single input, so name only the node there");
                }
                if (port != null) {
                    Names.checkPort(LINKS, port);
                }
                if (!first) {
                    add(new Link(previous, previousPort, name), isNode);
                }
                if (!last) {
                    if (isNode) {
                        previousPort = port == null ? Names.OUT : port;
                    } else if (first) {
                        previousPort = null;
                    } else {
                        throw new IllegalArgumentException(LINKS + ": '" + name + "' in '" + trimmed
                                + "' is not a node, so nothing can follow it (no node." + name + ".type)");
                    }
                }
                previous = name;
            }
        }

        private void add(Link link, boolean toNode) {
            if (link.fromPort == null) {
                inputs.add(link.from);
            }
            if (!toNode) {
                outputs.add(link.to);
            }
            String source = link.source();
            String earlier = linkedPorts.putIfAbsent(source, link.to);
            if (earlier != null) {
                throw new IllegalArgumentException(LINKS + ": " + source + " is linked twice (to " + earlier
                        + " and to " + link.to + "); a port leads to one place, use a route node to split");
            }
            links.add(link);
        }

        void checkPorts() {
            for (String input : inputs) {
                if (outputs.contains(input)) {
                    throw new IllegalArgumentException(LINKS + ": '" + input
                            + "' is used both as a pipeline input (left of ->) and output (right of ->)");
                }
            }
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException(LINKS + ": no pipeline input; start a chain with a name that "
                        + "is not a node, for example 'in -> ...'");
            }
            outputs.add(Names.ERR);
        }
    }

    private static List<String> topologicalOrder(Set<String> nodes, List<Link> links) {
        Map<String, List<String>> next = new TreeMap<>();
        Map<String, Integer> fed = new TreeMap<>();
        // Kahn's algorithm: remaining counts the links from other nodes not yet placed in the order.
        Map<String, Integer> remaining = new TreeMap<>();
        for (String node : nodes) {
            next.put(node, new ArrayList<>());
            fed.put(node, 0);
            remaining.put(node, 0);
        }
        for (Link link : links) {
            if (nodes.contains(link.to)) {
                fed.merge(link.to, 1, Integer::sum);
                if (link.fromPort != null) {
                    next.get(link.from).add(link.to);
                    remaining.merge(link.to, 1, Integer::sum);
                }
            }
        }
        for (Map.Entry<String, Integer> inbound : fed.entrySet()) {
            if (inbound.getValue() == 0) {
                String node = inbound.getKey();
                throw new IllegalArgumentException(LINKS + ": nothing leads to node " + node
                        + "; link it, for example 'in -> " + node + "', or remove node." + node + ".*");
            }
        }
        List<String> ready = new ArrayList<>();
        for (Map.Entry<String, Integer> node : remaining.entrySet()) {
            if (node.getValue() == 0) {
                ready.add(node.getKey());
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String node = ready.remove(0);
            order.add(node);
            for (String to : next.get(node)) {
                if (remaining.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }
        if (order.size() < nodes.size()) {
            throw new IllegalArgumentException(LINKS + ": cycle " + findCycle(next, remaining)
                    + "; events must not come back to a node they passed");
        }
        return order;
    }

    private static String findCycle(Map<String, List<String>> next, Map<String, Integer> remaining) {
        // Every node Kahn's algorithm left over has a left-over predecessor, so walking backwards
        // through left-over nodes must come back to a node already seen: that closes a cycle.
        Map<String, String> leftOverPredecessor = new TreeMap<>();
        for (Map.Entry<String, List<String>> entry : next.entrySet()) {
            if (remaining.get(entry.getKey()) > 0) {
                for (String to : entry.getValue()) {
                    if (remaining.get(to) > 0) {
                        leftOverPredecessor.putIfAbsent(to, entry.getKey());
                    }
                }
            }
        }
        List<String> path = new ArrayList<>();
        String node = leftOverPredecessor.keySet().iterator().next();
        while (!path.contains(node)) {
            path.add(node);
            node = leftOverPredecessor.get(node);
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        Collections.reverse(cycle);
        // Start at the first name alphabetically, so the same cycle is always told the same way.
        Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
        cycle.add(cycle.get(0));
        return String.join(" -> ", cycle);
    }
}
