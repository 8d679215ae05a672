package io.weir.pipeline.internal.graph;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;

/**
 * One node of a running pipeline: the operator, its port table and its counters. The node is also
 * the {@link Emitter} its operator emits through.
 *
 * <p>The port table is a few parallel arrays searched linearly, by identity first (operators emit
 * to constant port names), so emitting an event costs no map lookup and no allocation.
 */
final class Node implements Emitter {
    /** Target of a port that is not linked. Node targets are indexes (>= 0), outputs are -(index + 1). */
    static final int UNLINKED = Integer.MIN_VALUE;
    /** Slot of the err port, always present. */
    static final int ERR_SLOT = 0;
    /** Ports beyond this many (an operator emitting to made-up names) are routed but not counted. */
    private static final int MAX_PORTS = 64;

    final String name;
    final String type;
    final NodeContext context;
    final Operator operator;
    private final CompiledPipeline pipeline;

    private String[] ports = new String[4];
    private int[] targets = new int[4];
    private long[] emitted = new long[4];
    private int portCount;

    long received;
    long dropped;
    long failed;
    long thrown;

    /** The event being processed, to know whether the operator gave it up before throwing. */
    private Event current;
    private boolean currentHandled;

    Node(String name, String type, NodeContext context, Operator operator, CompiledPipeline pipeline,
            int errTarget) {
        this.name = name;
        this.type = type;
        this.context = context;
        this.operator = operator;
        this.pipeline = pipeline;
        addPort(Names.ERR, errTarget);
    }

    /** Links a port at compile time. */
    void link(String port, int target) {
        int slot = find(port);
        if (slot >= 0) {
            targets[slot] = target;
        } else {
            addPort(port, target);
        }
    }

    /** @return the target a port leads to, {@link #UNLINKED} if none */
    int target(String port) {
        int slot = find(port);
        return slot < 0 ? UNLINKED : targets[slot];
    }

    /** @return the targets of the linked ports other than err */
    int[] linkedTargetsExceptErr() {
        return Arrays.stream(targets, ERR_SLOT + 1, portCount).filter(t -> t != UNLINKED).toArray();
    }

    @Override
    public void emit(String port, Event event) {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(event, "event");
        if (event == current) {
            currentHandled = true;
        }
        int slot = find(port);
        if (slot < 0) {
            slot = addPort(port, UNLINKED);
        }
        int target;
        if (slot >= 0) {
            emitted[slot]++;
            target = targets[slot];
        } else {
            target = UNLINKED;
        }
        pipeline.route(this, target, event);
    }

    @Override
    public void complete(Event event, boolean success) {
        Objects.requireNonNull(event, "event");
        if (event == current) {
            currentHandled = true;
        }
        if (success) {
            dropped++;
        } else {
            failed++;
        }
        pipeline.completed(event, success);
    }

    /** Runs the operator on one event; what it throws sends the event to the err port. */
    void process(Event event) {
        received++;
        Event outer = current;
        boolean outerHandled = currentHandled;
        current = event;
        currentHandled = false;
        try {
            operator.process(event, this);
        } catch (Throwable t) {
            Fatal.rethrowIfFatal(t);
            thrown++;
            if (!currentHandled) {
                currentHandled = true;
                ErrorMeta.mark(event, name, t);
                emitted[ERR_SLOT]++;
                pipeline.route(this, targets[ERR_SLOT], event);
            }
        } finally {
            current = outer;
            currentHandled = outerHandled;
        }
    }

    private int find(String port) {
        String[] names = ports;
        int count = portCount;
        for (int i = 0; i < count; i++) {
            if (names[i] == port) {
                return i;
            }
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(port)) {
                // Keep the operator's own instance, so that the next lookup matches by identity.
                names[i] = port;
                return i;
            }
        }
        return -1;
    }

    private int addPort(String port, int target) {
        if (portCount == MAX_PORTS) {
            return -1;
        }
        if (portCount == ports.length) {
            int size = ports.length * 2;
            ports = Arrays.copyOf(ports, size);
            targets = Arrays.copyOf(targets, size);
            emitted = Arrays.copyOf(emitted, size);
        }
        ports[portCount] = port;
        targets[portCount] = target;
        return portCount++;
    }

    /** @return the node's counters, see {@link io.weir.pipeline.graph.Pipeline#counters()} */
    Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("in", received);
        for (int i = 0; i < portCount; i++) {
            counters.put(ports[i], emitted[i]);
        }
        counters.put("dropped", dropped);
        counters.put("failed", failed);
        counters.put("thrown", thrown);
        return counters;
    }
}
