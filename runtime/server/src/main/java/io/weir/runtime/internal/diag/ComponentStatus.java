package io.weir.runtime.internal.diag;

import java.util.List;

/**
 * The state of one DS component configuration, explained.
 *
 * @param name    the component name, with the configuration PID when it has one
 * @param state   the state in words ("active", "waiting for a service", ...)
 * @param details why it is in that state and what to do, one line each; empty when all is well
 * @param problem whether this is a fault to fix, as opposed to a normal state such as an instance not yet configured
 */
public record ComponentStatus(String name, String state, List<String> details, boolean problem) {
}
