package io.weir.runtime.internal.flow;

import io.weir.runtime.internal.manager.NodeState;

/** Why a node does not run: a missing piece (waiting) or a wrong configuration (invalid). */
final class Problem {
    String waiting;
    String invalid;

    /** @param reason a missing piece; the first one found is kept */
    void waiting(String reason) {
        if (waiting == null) {
            waiting = reason;
        }
    }

    boolean none() {
        return waiting == null && invalid == null;
    }

    NodeState state() {
        return invalid != null ? NodeState.INVALID : NodeState.WAITING;
    }

    String reason() {
        return invalid != null ? "invalid configuration: " + invalid : waiting;
    }

    /** @return what sources upstream are told, after the node's label */
    String breakerReason() {
        return invalid != null ? "has an invalid configuration" : waiting != null ? waiting : "is not running";
    }
}
