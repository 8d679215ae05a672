package io.weir.runtime.internal.manager;

/**
 * The circuit breaker of a node that receives events (a sink or a pipeline). Closed means the node
 * takes events; open means the sources upstream must pause. The sources read it, the node's manager
 * (or the engine, when the node has no manager) sets it.
 */
public final class Breaker {
    private final String label;
    private volatile String openReason;

    /**
     * @param label        the node, for example {@code sink/console}
     * @param initialReason why the breaker starts open
     */
    public Breaker(String label, String initialReason) {
        this.label = label;
        this.openReason = initialReason;
    }

    /** @return the node this breaker belongs to */
    public String label() {
        return label;
    }

    /** @return whether events may flow into the node */
    public boolean isClosed() {
        return openReason == null;
    }

    /** @return why the breaker is open, or {@code null} when it is closed */
    public String reason() {
        return openReason;
    }

    /** @param reason why the node cannot take events now */
    public void open(String reason) {
        openReason = reason == null ? "unavailable" : reason;
    }

    /** Lets events flow again. */
    public void close() {
        openReason = null;
    }
}
