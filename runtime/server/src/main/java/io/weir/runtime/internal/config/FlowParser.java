package io.weir.runtime.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weir.runtime.internal.config.Endpoint.Kind;

/**
 * Reads a flow configuration ({@code etc/weir.flow-<name>.cfg}):
 *
 * <pre>
 * description = Ticks, stamped, to the console
 * links = source/ticks -&gt; pipeline/hello -&gt; sink/console, \
 *         pipeline/hello.err -&gt; sink/console, \
 *         source/ticks.err -&gt; sink/console
 * </pre>
 *
 * A link is {@code from -> to}; a chain {@code a -> b -> c} links {@code a -> b} and {@code b -> c}.
 * On the left, {@code source/x} and {@code pipeline/x} mean their {@code out} port and
 * {@code .port} picks another; on the right, {@code pipeline/x} means its {@code in} port. In the
 * middle of a chain, {@code pipeline/x.port} means into {@code x}'s {@code in} and out of its
 * {@code port}.
 */
public final class FlowParser {
    /** The links. */
    public static final String LINKS = "links";
    /** A description for the shell. */
    public static final String DESCRIPTION = "description";

    private static final String NAME = "[A-Za-z0-9_][A-Za-z0-9_-]*";
    private static final Pattern ENDPOINT = Pattern.compile("(source|pipeline|sink)/(" + NAME + ")(?:\\.(" + NAME
            + "))?");
    private static final String EXAMPLE = "for example links = source/ticks -> pipeline/main, "
            + "pipeline/main.out -> sink/console";

    private FlowParser() {
    }

    /**
     * @param name  the flow's name
     * @param props its configuration
     * @return the flow
     * @throws ConfigException naming the key at fault
     */
    public static FlowSpec parse(String name, Map<String, ?> props) {
        String badName = ConfigValues.badName("flow", name);
        if (badName != null) {
            throw new ConfigException("name", badName);
        }
        for (String key : props.keySet()) {
            if (!ConfigValues.isFrameworkKey(key) && !key.equals(LINKS) && !key.equals(DESCRIPTION)) {
                throw new ConfigException(key, "not a flow option; a flow has " + LINKS + " and " + DESCRIPTION);
            }
        }
        List<String> chains = ConfigValues.list(props, LINKS);
        if (chains.isEmpty()) {
            throw new ConfigException(LINKS, "missing; list the links of the flow, " + EXAMPLE);
        }
        Set<Link> links = new LinkedHashSet<>();
        for (String chain : chains) {
            String[] parts = chain.split("->", -1);
            if (parts.length < 2) {
                throw new ConfigException(LINKS, "\"" + chain + "\" is not a link; write <from> -> <to>, " + EXAMPLE);
            }
            for (int i = 0; i + 1 < parts.length; i++) {
                Endpoint from = endpoint(chain, parts[i].trim(), true, i > 0);
                Endpoint to = endpoint(chain, parts[i + 1].trim(), false, i + 2 < parts.length);
                links.add(new Link(from, to));
            }
        }
        List<Link> ordered = new ArrayList<>(links);
        checkNoCycle(ordered);
        return new FlowSpec(name, ConfigValues.origin(props), ConfigValues.text(props, DESCRIPTION), ordered);
    }

    private static Endpoint endpoint(String chain, String text, boolean left, boolean middle) {
        if (text.isEmpty()) {
            throw new ConfigException(LINKS, "\"" + chain + "\" has an empty end; " + EXAMPLE);
        }
        Matcher m = ENDPOINT.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(LINKS, "\"" + text + "\" is not a node; write source/<name>, pipeline/<name>"
                    + " or sink/<name>, with .<port> where needed (names: letters, digits, _ and -)");
        }
        Kind kind = Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        String name = m.group(2);
        String port = m.group(3);
        if (left) {
            if (kind == Kind.SINK) {
                throw new ConfigException(LINKS, "\"" + chain + "\": " + text + " is on the left of ->, but a sink"
                        + " sends nothing on");
            }
            if (middle && kind == Kind.SOURCE) {
                throw new ConfigException(LINKS, "\"" + chain + "\": " + text + " is in the middle of a chain, but"
                        + " a source takes no input");
            }
            if (kind == Kind.SOURCE && port != null && !port.equals("out") && !port.equals("err")) {
                throw new ConfigException(LINKS, "\"" + chain + "\": a source has the ports out and err, not '"
                        + port + "'");
            }
            return new Endpoint(kind, name, port == null ? "out" : port);
        }
        if (kind == Kind.SOURCE) {
            throw new ConfigException(LINKS, "\"" + chain + "\": " + text + " is on the right of ->, but a source"
                    + " takes no input");
        }
        if (kind == Kind.SINK) {
            if (port != null && !port.equals("in")) {
                throw new ConfigException(LINKS, "\"" + chain + "\": a sink has one input; write sink/" + name);
            }
            return new Endpoint(kind, name, "in");
        }
        // In the middle of a chain the port names the way out; the way in is then 'in'.
        return new Endpoint(kind, name, middle || port == null ? "in" : port);
    }

    /**
     * Pipelines linked in a circle would feed each other forever.
     *
     * @param links links, possibly from several flows
     * @throws ConfigException when pipelines form a cycle
     */
    public static void checkNoCycle(List<Link> links) {
        Map<String, Set<String>> next = new HashMap<>();
        for (Link link : links) {
            if (link.from().kind() == Kind.PIPELINE && link.to().kind() == Kind.PIPELINE) {
                next.computeIfAbsent(link.from().name(), k -> new LinkedHashSet<>()).add(link.to().name());
            }
        }
        Map<String, Integer> state = new HashMap<>();
        for (String start : next.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycleFrom(start, next, state, path)) {
                throw new ConfigException(LINKS, "the pipelines form a cycle: pipeline/" + String.join(
                        " -> pipeline/", path));
            }
        }
    }

    private static boolean cycleFrom(String node, Map<String, Set<String>> next, Map<String, Integer> state,
            List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return false;
        }
        path.add(node);
        if (seen != null && seen == 1) {
            path.subList(0, path.indexOf(node)).clear();
            return true;
        }
        state.put(node, 1);
        for (String after : next.getOrDefault(node, Set.of())) {
            if (cycleFrom(after, next, state, path)) {
                return true;
            }
        }
        state.put(node, 2);
        path.remove(path.size() - 1);
        return false;
    }
}
