package io.weir.runtime.internal.manager;

/** What a node of a flow is doing, as the shell shows it. */
public enum NodeState {
    /** A piece it needs is missing (a connector instance, a codec, an operator type), or its sinks are not open yet. */
    WAITING,
    /** Opening (a connector) or compiling (a pipeline). */
    STARTING,
    /** Events flow. */
    RUNNING,
    /** Open but not pulling or taking events: a breaker downstream is open, or the operator paused the flow. */
    PAUSED,
    /** A plugin call failed; the node is reopened with backoff. */
    FAILED,
    /**
     * The plugin failed too often within a short time, or a call into it never returned: it is not
     * tried again until {@code weir:restart} or a new version of the plugin.
     */
    QUARANTINED,
    /** Its plugin is being replaced by a new version; the node is held, not failed, until it comes. */
    SWAPPING,
    /** A source delivered all its data. */
    FINISHED,
    /** The configuration is wrong; the message names the file and key. */
    INVALID,
    /** The manager ended. */
    STOPPED;

    /** @return the lower-case name the shell prints */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
