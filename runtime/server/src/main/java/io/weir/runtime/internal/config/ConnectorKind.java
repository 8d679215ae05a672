package io.weir.runtime.internal.config;

/** Whether a connector instance brings events in or takes them out. */
public enum ConnectorKind {
    /** A {@link io.weir.api.connector.Source}. */
    SOURCE("source", "preprocessor"),
    /** A {@link io.weir.api.connector.Sink}. */
    SINK("sink", "postprocessor");

    private final String word;
    private final String processor;

    ConnectorKind(String word, String processor) {
        this.word = word;
        this.processor = processor;
    }

    /** @return {@code source} or {@code sink}, as in flow links and factory PIDs */
    public String word() {
        return word;
    }

    /** @return {@code preprocessor} or {@code postprocessor}: the processors this kind runs */
    public String processor() {
        return processor;
    }

    /** @return the factory PID prefix, {@code weir.source.} or {@code weir.sink.} */
    public String pidPrefix() {
        return "weir." + word + ".";
    }
}
