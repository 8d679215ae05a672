package io.weir.runtime.internal.config;

/**
 * One end of a link in a flow: {@code source/ticks}, {@code source/ticks.err},
 * {@code pipeline/main.out}, {@code sink/console}.
 *
 * @param kind what the node is
 * @param name the node's name (the instance or pipeline name)
 * @param port the port: an output port on the left of a link, an input port on the right
 */
public record Endpoint(Kind kind, String name, String port) {

    /** The kinds of node a flow links. */
    public enum Kind {
        /** A source instance. */
        SOURCE("source"),
        /** A pipeline. */
        PIPELINE("pipeline"),
        /** A sink instance. */
        SINK("sink");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** @return the word used in links */
        public String word() {
            return word;
        }
    }

    /** @return the node, as in {@code pipeline/main} */
    public String node() {
        return kind.word() + "/" + name;
    }

    @Override
    public String toString() {
        return node() + "." + port;
    }
}
