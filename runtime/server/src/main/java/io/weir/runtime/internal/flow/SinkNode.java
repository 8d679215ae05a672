package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.runtime.internal.manager.SinkManager;
import io.weir.runtime.internal.manager.SinkSetup;
import io.weir.runtime.internal.manager.SinkSlot;

/** A sink instance linked by some flow: its slot (with the inbox), the manager running it (if any), and why not. */
final class SinkNode {
    final SinkSlot slot;
    SinkManager manager;
    /** The service the manager runs. */
    ConnectorService service;
    /** The configuration of the last instance stopped, whose state the slot keeps. */
    Map<String, Object> carry;
    Problem problem = new Problem();
    /** The invalid configuration last reported, so that it is reported once. */
    String reported;
    /** Instances whose manager was abandoned in a stuck call, to the stuck thread: never called again. */
    private final Map<Object, String> stuck;

    SinkNode(SinkSlot slot, Map<Object, String> stuck) {
        this.slot = slot;
        this.stuck = stuck;
    }

    /**
     * Runs the desired setup on the same inbox: a changed one replaces the manager, none stops it
     * and opens the breaker with the reason. A manager whose instance is still registered keeps
     * running when only the new options are wrong.
     *
     * @return whether the old manager was kept despite an invalid configuration
     */
    boolean apply(ConnectorService registered, SinkSetup desired, Problem found) {
        boolean keepOld = manager != null && desired == null && found.invalid != null
                && manager.setup().sink() == registered.instance();
        if (manager != null && !keepOld && !manager.setup().equals(desired)) {
            stop();
        }
        if (desired != null && manager == null && stuck.containsKey(desired.sink())) {
            found.invalid = "the instance is stuck in a plugin call on thread '" + stuck.get(desired.sink())
                    + "'; it is not used again (deploy a new version of the plugin, or restart the server)";
            desired = null;
        }
        if (desired != null && manager == null) {
            slot.inbox().capacity(desired.options().queueCapacity());
            Map<String, Object> restored = ConnectorService.carried(carry, registered, slot.lastState());
            slot.lastState(Map.of());
            manager = new SinkManager(slot, desired, restored);
            service = registered;
            manager.start();
        }
        problem = found;
        if (manager == null) {
            slot.breaker().open(found.breakerReason());
        }
        return keepOld;
    }

    void stop() {
        if (manager != null) {
            if (!manager.stop(manager.stopTimeoutMillis())) {
                stuck.put(service.instance(), manager.thread().getName());
            }
            carry = service.operatorConfiguration();
            manager = null;
            service = null;
        }
    }

    NodeView view(ConnectorService registered) {
        ConnectorService shown = manager != null ? service : registered;
        return new NodeView(slot.label(), shown == null ? null : shown.type(),
                manager != null ? manager.state() : problem.state(), manager != null ? manager.reason() : problem.reason(),
                shown == null ? null : shown.origin(), shown == null ? null : shown.bundle(), slot.counters().snapshot(),
                slot.latency().snapshot(), slot.inbox().size(), slot.inbox().capacity(),
                manager == null ? 0 : manager.failures(), manager == null ? null : manager.lastError(), Map.of());
    }
}
