package io.weir.runtime.internal.flow;

import io.weir.runtime.internal.manager.NodeState;

/** Why a node does not run: a missing piece (waiting), a wrong configuration (invalid), or a quarantined plugin. */
final class Problem {
    String waiting;
    String invalid;
    String quarantined;

    /** @param reason a missing piece; the first one found is kept */
    void waiting(String reason) {
        if (waiting == null) {
            waiting = reason;
        }
    }

    boolean none() {
        return waiting == null && invalid == null && quarantined == null;
    }

    NodeState state() {
        return invalid != null ? NodeState.INVALID : quarantined != null ? NodeState.QUARANTINED : NodeState.WAITING;
    }

    String reason() {
        return invalid != null ? "invalid configuration: " + invalid : quarantined != null ? "quarantined: "
                + quarantined : waiting;
    }

    /** @return what sources upstream are told, after the node's label */
    String breakerReason() {
        return invalid != null ? "has an invalid configuration" : quarantined != null ? "is quarantined: "
                + quarantined : waiting != null ? waiting : "is not running";
    }
}
