package io.weir.runtime.internal.flow;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.weir.runtime.internal.manager.ManagerThread;
import io.weir.runtime.internal.manager.ProcessorStep;
import io.weir.runtime.internal.manager.Watchdog;
import io.weir.runtime.internal.manager.Workers;
import io.weir.runtime.internal.swap.SwapCoordinator;

/** What the engine's nodes share: the watchdog of their managers, the swaps in progress and the stuck instances. */
final class NodeServices {
    final Watchdog watchdog;
    /** The workers the nodes run on as tasks, or {@code null} when each node has a thread of its own. */
    volatile Workers workers;
    final SwapCoordinator swaps;
    /**
     * Connector instances abandoned in a stuck call (by identity) to the manager stuck in it: never called
     * again, until their service goes or the stuck call returns and the operator restarts the node.
     */
    final Map<Object, ManagerThread> stuck = new IdentityHashMap<>();
    /** Whether a codec, processor or operator service is no longer registered (it goes away in a swap). */
    final Predicate<Object> unregistered;
    /** The bundle a codec, processor or operator service comes from, {@code symbolic-name version}, or null. */
    final Function<Object, String> bundleOf;

    NodeServices(Watchdog watchdog, SwapCoordinator swaps, Predicate<Object> unregistered,
            Function<Object, String> bundleOf) {
        this.watchdog = watchdog;
        this.swaps = swaps;
        this.unregistered = unregistered;
        this.bundleOf = bundleOf;
    }

    /**
     * @param connector the connector's bundle
     * @param codec     its codec, or null
     * @param steps     its processor chain
     * @return the bundles a connector node runs on, its connector's first: a swap record names the new one
     */
    List<String> bundles(String connector, Object codec, List<ProcessorStep> steps) {
        List<String> bundles = new ArrayList<>();
        bundles.add(connector);
        if (codec != null) {
            bundles.add(bundleOf.apply(codec));
        }
        for (ProcessorStep step : steps) {
            bundles.add(bundleOf.apply(step.factory()));
        }
        return bundles;
    }

    /**
     * @param instance a connector instance
     * @return why it cannot be used, or {@code null} when it can
     */
    String stuckReason(Object instance) {
        ManagerThread manager = stuck.get(instance);
        if (manager == null) {
            return null;
        }
        return "the instance is stuck in a plugin call on thread '" + manager.threadName() + "' and is never"
                + " called again (deploy a new version of the plugin or change its configuration"
                + (manager.isStopped() ? "; the call has returned since, so weir:restart may use it again)" : ")");
    }
}
