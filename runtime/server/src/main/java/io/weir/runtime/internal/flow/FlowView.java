package io.weir.runtime.internal.flow;

import java.util.List;

/**
 * One flow as the shell shows it.
 *
 * @param name        the flow's name
 * @param origin      its file
 * @param description what it is for; may be null
 * @param state       {@code running}, {@code paused}, {@code waiting}, {@code swapping}, {@code quarantined},
 *                    {@code failed}, {@code finished} or {@code invalid}
 * @param reason      why, when not running; may be null
 * @param error       the last rejected edit of its file, still in force or not; may be null
 * @param links       its links as written
 * @param nodes       its nodes, in order of first appearance
 * @param warnings    links to ports its pipelines do not have
 */
public record FlowView(String name, String origin, String description, String state, String reason, String error,
        List<String> links, List<NodeView> nodes, List<String> warnings) {
}
