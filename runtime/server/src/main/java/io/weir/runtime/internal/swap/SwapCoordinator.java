package io.weir.runtime.internal.swap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.weir.runtime.internal.manager.StartListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows hot swaps node by node. When a plugin's bundle stops while a node runs on it (FileInstall
 * updates the jar: the old component goes, then the new one comes), the engine {@link #hold holds} the
 * node instead of failing it; when the new version's instance registers, the engine starts it
 * ({@link #resuming}); when it runs, the swap is complete and recorded with its pause-to-resume time and
 * what was replayed or handed over. A node whose new version does not come within its timeout is let go
 * ({@link #expire}): it shows as waiting, as any node whose plugin is missing.
 *
 * <p>States of a node: not held; held (waiting for the new version); resuming (its new manager
 * started, not open yet). Thread-safe: the engine calls it under its own lock, the managers' threads
 * through the {@link StartListener}s it hands out, which never call back into the engine.
 */
public final class SwapCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(SwapCoordinator.class);
    private final int historySize;
    private final LongSupplier wallClock;
    private final Map<String, Pending> pending = new TreeMap<>();
    private final ArrayDeque<SwapRecord> history = new ArrayDeque<>();
    private long completed;

    /**
     * @param historySize how many finished swaps to remember
     * @param wallClock   epoch milliseconds, for the records
     */
    public SwapCoordinator(int historySize, LongSupplier wallClock) {
        this.historySize = Math.max(1, historySize);
        this.wallClock = wallClock;
    }

    /** A swap in progress. */
    private static final class Pending {
        final String node;
        final String plugin;
        final String fromBundle;
        final long sinceNanos;
        final long sinceMillis;
        final long timeoutNanos;
        long replayed;
        String toBundle;
        /** Which start listener may complete it: a newer one replaces an older one. */
        int generation;
        boolean resuming;

        Pending(String node, String plugin, String fromBundle, long sinceNanos, long sinceMillis, long timeoutNanos) {
            this.node = node;
            this.plugin = plugin;
            this.fromBundle = fromBundle;
            this.sinceNanos = sinceNanos;
            this.sinceMillis = sinceMillis;
            this.timeoutNanos = timeoutNanos;
        }
    }

    /**
     * The plugin a node runs on went away while its bundle was stopping: hold the node for its new
     * version. A node already held keeps its first hold (the swap simply lasts longer).
     *
     * @param node          the node, for example {@code sink/out}
     * @param plugin        what goes, for example {@code sink 'out'}
     * @param fromBundle    its bundle, {@code symbolic-name version}
     * @param nowNanos      {@link System#nanoTime()}
     * @param timeoutMillis how long to wait for the new version
     * @return whether a new hold started
     */
    public synchronized boolean hold(String node, String plugin, String fromBundle, long nowNanos,
            long timeoutMillis) {
        Pending existing = pending.get(node);
        if (existing != null) {
            LOG.debug("{}: {} of {} went away too; the swap from {} goes on", node, plugin, fromBundle,
                    existing.fromBundle);
            existing.resuming = false;
            existing.generation++;
            return false;
        }
        LOG.debug("{}: {} of {} went away; held for its new version", node, plugin, fromBundle);
        pending.put(node, new Pending(node, plugin, fromBundle, nowNanos, wallClock.getAsLong(),
                TimeUnit.MILLISECONDS.toNanos(timeoutMillis)));
        return true;
    }

    /**
     * @param node  a held node
     * @param count events its old manager put back for the new instance
     */
    public synchronized void replayed(String node, long count) {
        Pending p = pending.get(node);
        if (p != null) {
            p.replayed += count;
        }
    }

    /**
     * @param node a node
     * @return whether it is held or resuming
     */
    public synchronized boolean isHeld(String node) {
        return pending.containsKey(node);
    }

    /**
     * @param node     a held node
     * @param nowNanos {@link System#nanoTime()}
     * @return what the shell says about it, after the node's label; {@code null} when it is not held
     */
    public synchronized String reason(String node, long nowNanos) {
        Pending p = pending.get(node);
        if (p == null) {
            return null;
        }
        return "is being replaced: " + p.plugin + " of " + p.fromBundle + " went away "
                + TimeUnit.NANOSECONDS.toMillis(nowNanos - p.sinceNanos) + " ms ago; held up to "
                + TimeUnit.NANOSECONDS.toMillis(p.timeoutNanos) + " ms for its new version";
    }

    /**
     * The new version's manager is about to start.
     *
     * @param node     the held node
     * @param toBundle the new version's bundle
     * @return the listener to give the manager; {@code null} when the node is not held
     */
    public StartListener resuming(String node, String toBundle) {
        return resuming(node, List.of(toBundle));
    }

    /**
     * The new version's manager is about to start.
     *
     * @param node    the held node
     * @param bundles the bundles of everything the node's new manager runs on (its connector, codec,
     *                processors), {@code symbolic-name version}: the record names the one with the symbolic
     *                name of the bundle that went, else the first
     * @return the listener to give the manager; {@code null} when the node is not held
     */
    public synchronized StartListener resuming(String node, List<String> bundles) {
        Pending p = pending.get(node);
        if (p == null) {
            return null;
        }
        p.resuming = true;
        p.toBundle = successor(p.fromBundle, bundles);
        int generation = ++p.generation;
        LOG.debug("{}: starting {} of {} (start {})", node, p.plugin, p.toBundle, generation);
        return new StartListener() {
            @Override
            public void started(long nowNanos, long handedOver) {
                finish(p, generation, nowNanos, handedOver, SwapRecord.Outcome.RESUMED, null);
            }

            @Override
            public void failed(long nowNanos, String failure) {
                finish(p, generation, nowNanos, 0, SwapRecord.Outcome.FAILED, failure);
            }
        };
    }

    /** @return the bundle among {@code bundles} with the symbolic name of {@code from}, else the first */
    static String successor(String from, List<String> bundles) {
        int space = from.lastIndexOf(' ');
        String name = space > 0 ? from.substring(0, space + 1) : from + " ";
        for (String bundle : bundles) {
            if (bundle != null && bundle.startsWith(name)) {
                return bundle;
            }
        }
        return bundles.isEmpty() ? null : bundles.get(0);
    }

    private synchronized void finish(Pending p, int generation, long nowNanos, long handedOver,
            SwapRecord.Outcome outcome, String detail) {
        if (pending.get(p.node) != p || p.generation != generation) {
            LOG.debug("{}: start {} of {} ended ({}), but the swap went on", p.node, generation, p.toBundle, outcome);
            return;
        }
        pending.remove(p.node);
        SwapRecord record = new SwapRecord(p.sinceMillis, p.node, p.plugin, p.fromBundle, p.toBundle,
                nowNanos - p.sinceNanos, p.replayed, handedOver, outcome, detail);
        record(record);
        if (outcome == SwapRecord.Outcome.RESUMED) {
            LOG.info("{}: {} swapped from {} to {}, paused {} ms; {} event(s) replayed, {} outcome(s) handed over",
                    p.node, p.plugin, p.fromBundle, p.toBundle, TimeUnit.NANOSECONDS.toMillis(record.pauseNanos()),
                    p.replayed, handedOver);
        } else {
            LOG.warn("{}: {} of {} replaced {} but failed its first start: {}", p.node, p.plugin, p.toBundle,
                    p.fromBundle, detail);
        }
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return whether a held node has waited past its timeout (cheap; the engine then calls {@link #expire})
     */
    public synchronized boolean hasExpired(long nowNanos) {
        for (Pending p : pending.values()) {
            if (!p.resuming && nowNanos - p.sinceNanos >= p.timeoutNanos) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lets go of the held nodes whose new version did not come in time.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return those nodes
     */
    public synchronized List<String> expire(long nowNanos) {
        List<String> expired = new ArrayList<>();
        for (var it = pending.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            if (!p.resuming && nowNanos - p.sinceNanos >= p.timeoutNanos) {
                it.remove();
                expired.add(p.node);
                LOG.warn("{}: no new version of {} came within {} ms; the node waits for one", p.node, p.plugin,
                        TimeUnit.NANOSECONDS.toMillis(p.timeoutNanos));
                record(new SwapRecord(p.sinceMillis, p.node, p.plugin, p.fromBundle, null, -1, p.replayed, 0,
                        SwapRecord.Outcome.TIMED_OUT, "no new version within "
                                + TimeUnit.NANOSECONDS.toMillis(p.timeoutNanos) + " ms; the node waits for one"));
            }
        }
        return expired;
    }

    /**
     * The node went (no flow links it) or its plugin was replaced by something that is not a new version
     * of it: the swap ends without resuming.
     *
     * @param node the node
     * @param why  why, for the record
     */
    public synchronized void cancel(String node, String why) {
        Pending p = pending.remove(node);
        if (p != null) {
            record(new SwapRecord(p.sinceMillis, p.node, p.plugin, p.fromBundle, p.toBundle, -1, p.replayed, 0,
                    SwapRecord.Outcome.CANCELLED, why));
        }
    }

    private void record(SwapRecord record) {
        completed++;
        history.addFirst(record);
        while (history.size() > historySize) {
            history.removeLast();
        }
    }

    /** @return the finished swaps remembered, newest first */
    public synchronized List<SwapRecord> history() {
        return List.copyOf(history);
    }

    /** @return how many swaps finished since the server started, including those no longer remembered */
    public synchronized long completed() {
        return completed;
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return the swaps in progress: node to what the shell says about it
     */
    public synchronized Map<String, String> inProgress(long nowNanos) {
        Map<String, String> shown = new TreeMap<>();
        for (Pending p : pending.values()) {
            shown.put(p.node, p.resuming ? "starting " + p.plugin + " of " + p.toBundle + " (replacing "
                    + p.fromBundle + ", " + TimeUnit.NANOSECONDS.toMillis(nowNanos - p.sinceNanos) + " ms so far)"
                    : reason(p.node, nowNanos));
        }
        return shown;
    }
}
