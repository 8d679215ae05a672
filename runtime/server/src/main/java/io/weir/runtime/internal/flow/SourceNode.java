package io.weir.runtime.internal.flow;

import java.util.Map;

import io.weir.runtime.internal.manager.NodeState;
import io.weir.runtime.internal.manager.SourceManager;
import io.weir.runtime.internal.manager.SourceSetup;
import io.weir.runtime.internal.manager.SourceSlot;
import io.weir.runtime.internal.manager.StartListener;

/** A source instance linked by some flow: its slot, the manager running it (if any), and why not. */
final class SourceNode {
    final SourceSlot slot;
    SourceManager manager;
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

    SourceNode(SourceSlot slot, NodeServices services) {
        this.slot = slot;
        this.services = services;
    }

    /**
     * Runs the desired setup: a changed one replaces the manager, none stops it. A manager whose
     * instance is still registered keeps running when only the new options are wrong.
     *
     * @return whether the old manager was kept despite an invalid configuration
     */
    boolean apply(ConnectorService registered, SourceSetup desired, Problem found) {
        boolean keepOld = manager != null && desired == null && found.invalid != null
                && manager.setup().source() == registered.instance();
        if (manager != null && !keepOld && !manager.setup().equals(desired)) {
            // In a swap the next instance may continue the streams: they are left open for it.
            stop(services.swaps.isHeld(slot.label()));
        }
        if (desired != null && manager == null) {
            String stuck = services.stuckReason(desired.source());
            if (stuck != null) {
                found.quarantined = stuck;
                desired = null;
            }
        }
        if (desired != null && manager == null) {
            start(registered, desired);
        }
        problem = found;
        return keepOld;
    }

    private void start(ConnectorService registered, SourceSetup desired) {
        boolean sameConfiguration = carry != null && carry.equals(registered.operatorConfiguration());
        // State and outcomes go to a new version of the plugin, not to a reconfigured instance: a file
        // source pointed at another file must not resume at the old offset.
        Map<String, Object> restored = sameConfiguration ? slot.lastState() : Map.of();
        if (!sameConfiguration) {
            slot.acks().drop();
        }
        slot.lastState(Map.of());
        if (registered.instance() != lastInstance) {
            slot.faults().clear();
        }
        manager = new SourceManager(slot, desired, restored);
        // A reconfigured instance continues nothing: what the old one left open is ended once it opened.
        manager.carried(slot.takeCarried(), sameConfiguration);
        service = registered;
        lastInstance = registered.instance();
        StartListener listener = services.swaps.resuming(slot.label(),
                services.bundles(registered.bundle(), desired.codec(), desired.preprocessors()));
        if (listener != null) {
            manager.onStart(listener);
        }
        if (closeBeforeOpening) {
            closeBeforeOpening = false;
            manager.closeBeforeOpening();
        }
        manager.start(services.watchdog, services.workers);
    }

    /**
     * Stops the manager.
     *
     * @param handOver whether the next instance may continue the streams (a swap, a restart): they are left
     *                 open, except those whose preprocessor goes away
     */
    void stop(boolean handOver) {
        if (manager != null) {
            SourceManager stopping = manager;
            if (handOver) {
                stopping.handStreamsOver(services.unregistered);
            }
            if (!stopping.stop(stopping.stopTimeoutMillis())) {
                takeBack(stopping);
            }
            carry = service.operatorConfiguration();
            manager = null;
            service = null;
        }
    }

    /**
     * Its manager was abandoned in a stuck call: the instance is never called again, and what the
     * manager held is taken back.
     */
    void abandoned() {
        if (manager != null) {
            takeBack(manager);
            carry = service.operatorConfiguration();
            manager = null;
            service = null;
        }
    }

    private void takeBack(SourceManager stuck) {
        services.stuck.put(service.instance(), stuck);
        stuck.awaitOutsideRuntime(1_000);
        stuck.recover();
    }

    /** No flow links it any more: outcomes still on their way have no one to go to. */
    void remove() {
        stop(false);
        slot.takeCarried();
        slot.acks().drop();
        services.swaps.cancel(slot.label(), "no flow links the node any more");
    }

    /** @return where the running instance listens, as it reported; null when not running or not reported */
    String endpoint() {
        SourceManager running = manager;
        return running == null ? null : running.endpoint();
    }

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
                null, null, manager == null ? 0 : manager.failures(), manager == null ? null : manager.lastError(),
                Map.of());
    }
}
