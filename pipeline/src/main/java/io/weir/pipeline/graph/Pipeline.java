package io.weir.pipeline.graph;

import java.util.Map;
import java.util.Set;

import io.weir.api.event.Event;

/**
 * A compiled pipeline: a graph of operator nodes with named ports, built by
 * {@link PipelineCompiler#compile}. Single-threaded: the runtime calls every method from the
 * pipeline's own thread.
 *
 * <p>Events run through the graph synchronously: {@link #process} returns when the event (and
 * whatever the operators made of it) has left through an output port, been completed, or been
 * kept by an operator (a batch, a window). Every output goes to the {@link PipelineListener}.
 */
public interface Pipeline {

    /** @return the pipeline's name */
    String name();

    /** @return the pipeline's input ports (names on the left of a link that are not nodes) */
    Set<String> inputPorts();

    /**
     * @return the pipeline's output ports (names on the right of a link that are not nodes), always
     *         including {@code err}
     */
    Set<String> outputPorts();

    /**
     * Feeds one event into an input port and runs it through the graph.
     *
     * @param inputPort the pipeline's input port, normally {@code in}
     * @param event     the event; the pipeline owns it from now on
     * @throws IllegalArgumentException if the pipeline has no such input port
     * @throws IllegalStateException    if the pipeline is closed
     */
    void process(String inputPort, Event event);

    /**
     * Lets time-based operators emit. Called about every 10 ms.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    void tick(long nowNanos);

    /**
     * Tells the pipeline whether what is connected to one of its output ports can take events (for
     * example whether the sink's circuit breaker is closed). Operators that spread events over
     * several ports (round-robin) take a port out of rotation while an output it leads to is
     * unhealthy. Every output starts healthy. Unknown ports are ignored.
     *
     * @param outputPort the pipeline's output port
     * @param healthy    {@code false} when the output cannot take events, {@code true} when it can
     *                   again
     */
    void outputHealth(String outputPort, boolean healthy);

    /**
     * Counters per node and port: node name to counter name to number of events. For a node:
     * {@code in} (received), one entry per output port it emitted to, {@code dropped} (acknowledged
     * inside the pipeline: completed by the operator or emitted to an unlinked port), {@code failed}
     * (failed by the operator) and {@code thrown} (exceptions the operator threw). The pipeline's
     * own ports appear as pseudo-nodes: an input port counts under {@code out} what it let in, an
     * output port counts under {@code in} what left through it.
     *
     * @return a snapshot of the counters
     */
    Map<String, Map<String, Long>> counters();

    /**
     * Per-node state for a hot swap, from {@link io.weir.api.operator.Operator#snapshot()}; pass it
     * to {@link PipelineCompiler#compile} for the replacement. Does not change the pipeline.
     *
     * @return node name to plain-data state; nodes without state are left out
     */
    Map<String, Map<String, Object>> snapshot();

    /**
     * Closes every operator in graph order (upstream first), so that what an operator flushes
     * still runs through the operators downstream of it. Pauses requested by operators are
     * withdrawn. Events an operator still held and did not flush are not reported: the runtime
     * fails every event it let in and never heard of again. Further calls to {@link #process} fail.
     */
    void close();
}
