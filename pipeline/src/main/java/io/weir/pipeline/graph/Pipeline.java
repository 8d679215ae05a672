package io.weir.pipeline.graph;

import java.util.Map;

import io.weir.api.event.Event;

/**
 * A compiled pipeline: a graph of operator nodes with named ports. Single-threaded: the runtime
 * calls every method from the pipeline's own thread.
 */
public interface Pipeline {

    /** @return the pipeline's name */
    String name();

    /**
     * Feeds one event into an input port and runs it through the graph to completion.
     *
     * @param inputPort the pipeline's input port, normally {@code in}
     * @param event     the event
     */
    void process(String inputPort, Event event);

    /**
     * Lets time-based operators emit. Called about every 10 ms.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    void tick(long nowNanos);

    /**
     * Counters per node and port: node name to port name ({@code in} for what the node received) to
     * number of events.
     *
     * @return a snapshot of the counters
     */
    Map<String, Map<String, Long>> counters();

    /**
     * Per-node state for a hot swap, from {@link io.weir.api.operator.Operator#snapshot()}.
     *
     * @return node name to plain-data state
     */
    Map<String, Map<String, Object>> snapshot();

    /** Closes every operator, letting them flush what they hold. */
    void close();
}
