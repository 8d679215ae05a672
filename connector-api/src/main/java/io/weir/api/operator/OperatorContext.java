package io.weir.api.operator;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** What the runtime offers an operator. Thread-safe. */
@ProviderType
public interface OperatorContext {

    /** @return the node's name within its pipeline, for messages */
    String name();

    /** @return the name of the pipeline the node belongs to */
    String pipeline();

    /**
     * The state the operator this one replaces returned from {@link Operator#snapshot()}, or an
     * empty map.
     *
     * @return plain-data state; never null
     */
    Map<String, Object> restoredState();

    /**
     * Pauses the sources that feed this pipeline, as a sink's circuit breaker would (the
     * backpressure operator uses this).
     *
     * @param reason why, shown in the shell
     */
    void pauseUpstream(String reason);

    /** Resumes the sources paused by {@link #pauseUpstream(String)}. */
    void resumeUpstream();
}
