package io.weir.runtime.internal.flow;

import io.weir.runtime.internal.config.FlowSpec;

/**
 * A configured flow: the spec in force (null if none was ever valid), the last refused edit, the edit refused
 * only because it closes a cycle with other flows (tried again when they change), the operator's pause.
 */
final class FlowEntry {
    FlowSpec spec;
    String error;
    FlowSpec refused;
    boolean paused;
}
