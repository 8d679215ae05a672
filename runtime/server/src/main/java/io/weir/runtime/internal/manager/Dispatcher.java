package io.weir.runtime.internal.manager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.runtime.internal.stats.Counters;

/**
 * The sending side of one producing node (a source or a pipeline): collects events per target into
 * batches and hands full or due batches to the targets' inboxes. Used by the producer's thread only.
 *
 * <p>An event linked to several targets is copied for all but the first, and its tokens gain one
 * holder per target, or one less when the caller hands its own hold on with the event ({@link #emitHeld}).
 * An event on a port nothing is linked to is counted as dropped; a source's is
 * acknowledged (nothing wanted it), a pipeline's is failed (the pipeline contract: its source may
 * replay it once the output is linked). A batch an
 * inbox refuses (the target was removed, or the producer is stopping and gave up waiting) is failed,
 * so its sources hear about it.
 *
 * <p>A producer that runs as a task never waits for room ({@link #neverWait}): a batch for a full inbox is
 * held, with every batch after it, until the inbox has room again, and the producer makes nothing new
 * meanwhile ({@link #hasHeld}, {@link #handHeld}). What it holds is at most what one step of it emits;
 * stopping, it waits for room again ({@link #waitHeld}).
 */
public final class Dispatcher {
    private final Counters counters;
    private final int batchSize;
    private final Backpressure backpressure;
    private final boolean failUnlinked;
    private Routes routes;
    private final Map<String, Port> ports = new HashMap<>();
    /** The port the last event went to, and its name: a node emits most of its events on one port. */
    private String lastName;
    private Port lastPort;
    private final List<Outbox> outboxes = new ArrayList<>();
    /** Batches an inbox had no room for, oldest first, when the producer does not wait. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /** Told when an inbox that was full has room; {@code null} while the producer waits for room itself. */
    private Runnable onRoom;

    /**
     * @param counters  the producer's counters
     * @param batchSize the most events per batch
     * @param backpressure asked while an inbox is full
     * @param failUnlinked whether an event on a port nothing is linked to is failed rather than acknowledged
     */
    public Dispatcher(Counters counters, int batchSize, Backpressure backpressure, boolean failUnlinked) {
        this.failUnlinked = failUnlinked;
        this.counters = counters;
        this.batchSize = Math.max(1, batchSize);
        this.backpressure = backpressure;
        adopt(Routes.NONE);
    }

    /**
     * Switches to new routes if they changed, after handing on everything collected for the old ones.
     *
     * @param next the routes now in force
     */
    public void adopt(Routes next) {
        if (next == routes) {
            return;
        }
        flushAll();
        publishCounts();
        routes = next;
        ports.clear();
        lastName = null;
        lastPort = null;
        outboxes.clear();
        Map<Routes.Target, Outbox> byTarget = new LinkedHashMap<>();
        next.byPort().forEach((port, targets) -> {
            Outbox[] boxes = new Outbox[targets.size()];
            for (int i = 0; i < boxes.length; i++) {
                boxes[i] = byTarget.computeIfAbsent(targets.get(i), Outbox::new);
            }
            ports.put(port, new Port(port, boxes, counters.port(port)));
        });
        outboxes.addAll(byTarget.values());
    }

    /**
     * Sends an event to the targets of a port. The caller keeps its own hold on the tokens and lets go
     * of it afterwards.
     *
     * @param port   the output port
     * @param event  the event; the dispatcher owns it from now on
     * @param tokens the event's tokens (see {@link Tokens})
     */
    public void emit(String port, Event event, Object tokens) {
        emit(port, event, tokens, false);
    }

    /**
     * As {@link #emit}, but the caller's own hold on the tokens goes with the event: the caller lets go of nothing
     * afterwards. An event for one target then takes no atomic operation on its tokens here.
     *
     * @param port   the output port
     * @param event  the event; the dispatcher owns it from now on
     * @param tokens the event's tokens, held once by the caller, who no longer holds them
     */
    public void emitHeld(String port, Event event, Object tokens) {
        emit(port, event, tokens, true);
    }

    private void emit(String port, Event event, Object tokens, boolean handsOverHold) {
        Port out = port == lastName ? lastPort : port(port);
        Outbox[] targets = out.targets;
        if (targets.length == 0) {
            out.count(1);
            counters.dropped.increment();
            if (failUnlinked) {
                Tokens.markFailed(tokens);
            }
            if (handsOverHold) {
                Tokens.release(tokens, true);
            }
            return;
        }
        // Counted when its batch is handed on: one addition per batch instead of two per event.
        out.pending++;
        Tokens.retain(tokens, handsOverHold ? targets.length - 1 : targets.length);
        if (targets.length == 1) {
            targets[0].add(event, tokens);
            return;
        }
        Event[] copies = new Event[targets.length];
        copies[0] = event;
        for (int i = 1; i < copies.length; i++) {
            copies[i] = Events.copy(event);
        }
        for (int i = 0; i < targets.length; i++) {
            targets[i].add(copies[i], tokens);
        }
    }

    private Port port(String name) {
        Port out = ports.get(name);
        if (out == null) {
            out = new Port(name, new Outbox[0], counters.port(name));
            ports.put(name, out);
        }
        lastName = name;
        lastPort = out;
        return out;
    }

    /**
     * Sends a stream end to every target, behind the events already collected.
     *
     * @param end the stream that ended
     */
    public void endStream(StreamEnd end) {
        for (Outbox box : outboxes) {
            box.addEnd(end);
        }
    }

    /**
     * From now on a full inbox never makes the producer wait: the batch is held (see {@link #hasHeld}).
     *
     * @param roomAgain told when an inbox that was full has room again (see {@link #waitHeld} for the way
     *                  back to waiting)
     */
    public void neverWait(Runnable roomAgain) {
        this.onRoom = roomAgain;
    }

    /** @return whether batches are held for a full inbox: the producer makes nothing new until they went */
    public boolean hasHeld() {
        return !held.isEmpty();
    }

    /**
     * Hands on held batches, oldest first, while their inboxes take them.
     *
     * @return the full inbox the oldest batch still held waits for, or {@code null} when every held batch went
     */
    public Inbox handHeld() {
        Held first;
        while ((first = held.peekFirst()) != null) {
            Inbox.Offer offer = first.inbox.offer(first.batch, onRoom);
            if (offer == Inbox.Offer.FULL) {
                return first.inbox;
            }
            held.pollFirst();
            if (offer == Inbox.Offer.CLOSED) {
                counters.dropped.add(first.batch.failAll());
            }
        }
        return null;
    }

    /**
     * Goes back to waiting for room as a thread does (with {@link Backpressure}), for a producer that is
     * stopping or was abandoned, and hands on what it held that way first: downstream before it closes, or
     * failed if it gives up.
     */
    public void waitHeld() {
        onRoom = null;
        Held first;
        while ((first = held.pollFirst()) != null) {
            Inbox inbox = first.inbox;
            if (!inbox.put(first.batch, () -> backpressure.waiting(inbox))) {
                counters.dropped.add(first.batch.failAll());
            }
        }
    }

    private record Held(Inbox inbox, Batch batch) {
    }

    /** Hands every collected batch to its inbox. */
    public void flushAll() {
        for (Outbox box : outboxes) {
            box.flush();
        }
    }

    /** Adds the events emitted since the last time to the counters; before any of them is handed on. */
    private void publishCounts() {
        for (Port port : ports.values()) {
            if (port.pending != 0) {
                long n = port.pending;
                port.pending = 0;
                port.count(n);
            }
        }
    }

    /**
     * Hands on the batches that have waited long enough.
     *
     * @param nowNanos     {@link System#nanoTime()}
     * @param timeoutNanos how long a batch may wait to fill
     */
    public void flushDue(long nowNanos, long timeoutNanos) {
        for (Outbox box : outboxes) {
            if (box.batch != null && nowNanos - box.firstNanos >= timeoutNanos) {
                box.flush();
            }
        }
    }

    /** @return whether events are collected but not handed on yet */
    public boolean hasPending() {
        for (Outbox box : outboxes) {
            if (box.batch != null) {
                return true;
            }
        }
        return false;
    }

    /** What the producer does while an inbox it sends to is full. */
    @FunctionalInterface
    public interface Backpressure {
        /**
         * Called every few milliseconds while the producer waits for room.
         *
         * @param full the inbox that is full
         * @return {@code true} to give up: the batch is failed
         */
        boolean waiting(Inbox full);
    }

    private final class Port {
        final Outbox[] targets;
        final LongAdder counter;
        final boolean isErr;
        /** Events emitted and not counted yet. */
        long pending;

        Port(String name, Outbox[] targets, LongAdder counter) {
            this.targets = targets;
            this.counter = counter;
            this.isErr = Emitter.ERR.equals(name);
        }

        void count(long n) {
            counter.add(n);
            (isErr ? counters.err : counters.out).add(n);
        }
    }

    private final class Outbox {
        final Routes.Target target;
        Batch batch;
        long firstNanos;

        Outbox(Routes.Target target) {
            this.target = target;
        }

        void add(Event event, Object tokens) {
            open().add(event, tokens);
            if (batch.isFull()) {
                flush();
            }
        }

        void addEnd(StreamEnd end) {
            open().addStreamEnd(end);
            if (batch.isFull()) {
                flush();
            }
        }

        private Batch open() {
            if (batch == null) {
                batch = new Batch(target.port(), batchSize);
                firstNanos = System.nanoTime();
            }
            return batch;
        }

        void flush() {
            Batch full = batch;
            if (full == null) {
                return;
            }
            batch = null;
            publishCounts();
            Inbox inbox = target.inbox();
            if (onRoom != null) {
                // Behind what is held already, so each inbox gets its batches in order.
                held.addLast(new Held(inbox, full));
                handHeld();
            } else if (!inbox.put(full, () -> backpressure.waiting(inbox))) {
                counters.dropped.add(full.failAll());
            }
        }
    }
}
