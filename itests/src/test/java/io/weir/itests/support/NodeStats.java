package io.weir.itests.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counters of {@code weir:stats}, read back from its text: for each node (labelled {@code source/x},
 * {@code pipeline/y}, {@code sink/z}) its state, the numbers of its counter line and the connector errors it
 * counted per kind.
 */
public final class NodeStats {

    /**
     * One node's state and counters; {@code acked} and {@code failed} are 0 when the shell leaves them out;
     * {@code errors} holds the connector errors per kind (line {@code connector errors:}), empty when there are none.
     */
    public record Node(String label, String state, long in, long out, long err, long dropped, long acked, long failed,
            long queued, Map<String, Long> errors) {

        /** A node without connector errors. */
        public Node(String label, String state, long in, long out, long err, long dropped, long acked, long failed,
                long queued) {
            this(label, state, in, out, err, dropped, acked, failed, queued, Map.of());
        }

        /** @return the connector errors of one kind, 0 when none was counted */
        public long errors(String kind) {
            return errors.getOrDefault(kind, 0L);
        }
    }

    private static final Pattern HEADER = Pattern.compile("^(source|pipeline|sink)/(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern COUNTER = Pattern.compile("\\b(in|out|err|dropped|acked|failed|queued) (\\d+)");
    private static final String ERRORS = "  connector errors:";
    private static final Pattern KIND = Pattern.compile("(\\S+) (\\d+)");

    private NodeStats() {
    }

    /**
     * @param text what {@code weir:stats} printed
     * @return the nodes by label, in the order printed
     * @throws IllegalArgumentException when a node has no counter line
     */
    public static Map<String, Node> parse(String text) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher header = HEADER.matcher(lines[i]);
            if (!header.matches()) {
                continue;
            }
            String label = header.group(1) + "/" + header.group(2);
            if (i + 1 >= lines.length || !lines[i + 1].startsWith("  in ")) {
                throw new IllegalArgumentException("no counters under " + label + " in:\n" + text);
            }
            Map<String, Long> counters = new LinkedHashMap<>();
            Matcher counter = COUNTER.matcher(lines[i + 1]);
            while (counter.find()) {
                counters.putIfAbsent(counter.group(1), Long.parseLong(counter.group(2)));
            }
            Map<String, Long> errors = new LinkedHashMap<>();
            for (int j = i + 2; j < lines.length && lines[j].startsWith("  "); j++) {
                if (lines[j].startsWith(ERRORS)) {
                    Matcher kind = KIND.matcher(lines[j].substring(ERRORS.length()));
                    while (kind.find()) {
                        errors.put(kind.group(1), Long.parseLong(kind.group(2)));
                    }
                }
            }
            nodes.put(label, new Node(label, header.group(3), counters.getOrDefault("in", 0L),
                    counters.getOrDefault("out", 0L), counters.getOrDefault("err", 0L),
                    counters.getOrDefault("dropped", 0L), counters.getOrDefault("acked", 0L),
                    counters.getOrDefault("failed", 0L), counters.getOrDefault("queued", 0L), Map.copyOf(errors)));
        }
        return nodes;
    }
}
