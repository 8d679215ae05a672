package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.manager.SinkManager;
import io.weir.runtime.internal.manager.SinkSetup;
import io.weir.runtime.internal.manager.SinkSlot;
import io.weir.runtime.internal.manager.StartListener;

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
    /** The instance the last manager ran: another one (a new version, a new configuration) clears a quarantine. */
    private Object lastInstance;
    /** Set when an instance abandoned in a call that returned since is taken back: it is closed before it opens. */
    boolean closeBeforeOpening;
    private final NodeServices services;

    SinkNode(SinkSlot slot, NodeServices services) {
        this.slot = slot;
        this.services = services;
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
        if (desired != null && manager == null) {
            String stuck = services.stuckReason(desired.sink());
            if (stuck != null) {
                found.quarantined = stuck;
                desired = null;
            }
        }
        if (desired != null && manager == null) {
            start(registered, desired);
        }
        problem = found;
        if (manager == null) {
            slot.breaker().open(services.swaps.isHeld(slot.label())
                    ? services.swaps.reason(slot.label(), System.nanoTime()) : found.breakerReason());
        }
        return keepOld;
    }

    private void start(ConnectorService registered, SinkSetup desired) {
        slot.inbox().capacity(desired.options().queueCapacity());
        slot.inbox().byteCapacity(desired.options().queueBytes());
        boolean sameConfiguration = carry != null && carry.equals(registered.operatorConfiguration());
        Map<String, Object> restored = sameConfiguration ? slot.lastState() : Map.of();
        slot.lastState(Map.of());
        if (registered.instance() != lastInstance) {
            slot.faults().clear();
        }
        manager = new SinkManager(slot, desired, restored);
        service = registered;
        lastInstance = registered.instance();
        StartListener listener = services.swaps.resuming(slot.label(),
                services.bundles(registered.bundle(), desired.codec(), desired.postprocessors()));
        if (listener != null) {
            manager.onStart(listener);
        }
        if (closeBeforeOpening) {
            closeBeforeOpening = false;
            manager.closeBeforeOpening();
        }
        manager.start(services.watchdog, services.workers);
    }

    void stop() {
        if (manager != null) {
            SinkManager stopping = manager;
            if (!stopping.stop(stopping.stopTimeoutMillis())) {
                takeBack(stopping);
            }
            services.swaps.replayed(slot.label(), stopping.replayed());
            carry = service.operatorConfiguration();
            manager = null;
            service = null;
        }
    }

    /**
     * Its manager was abandoned in a stuck call: the instance is never called again, and what it was
     * given and did not acknowledge goes back to the head of the inbox for the next instance.
     */
    void abandoned() {
        if (manager != null) {
            takeBack(manager);
            carry = service.operatorConfiguration();
            manager = null;
            service = null;
        }
    }

    private void takeBack(SinkManager stuck) {
        services.stuck.put(service.instance(), stuck);
        stuck.awaitOutsideRuntime(1_000);
        stuck.recover();
    }

    /** No flow links it any more. */
    void remove() {
        stop();
        services.swaps.cancel(slot.label(), "no flow links the node any more");
    }

    /** The view without its latency, which the engine adds outside its lock (a histogram read is not cheap). */
    NodeView view(ConnectorService registered, long nowNanos) {
        ConnectorService shown = manager != null ? service : registered;
        NodeState state;
        String reason;
        if (manager != null) {
            state = manager.state();
            reason = manager.reason();
        } else if (services.swaps.isHeld(slot.label())) {
            state = NodeState.SWAPPING;
            reason = services.swaps.reason(slot.label(), nowNanos);
        } else if (registered != null && services.stuck.containsKey(registered.instance())) {
            // Said afresh each time: the stuck call may have returned since.
            state = NodeState.QUARANTINED;
            reason = "quarantined: " + services.stuckReason(registered.instance());
        } else {
            state = problem.state();
            reason = problem.reason();
        }
        return new NodeView(slot.label(), shown == null ? null : shown.type(), state, reason,
                shown == null ? null : shown.origin(), shown == null ? null : shown.bundle(), slot.counters().snapshot(),
                null, QueueView.of(slot.inbox()),
                manager == null ? 0 : manager.failures(), manager == null ? null : manager.lastError(), Map.of());
    }
}
