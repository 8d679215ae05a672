package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.weir.api.codec.Codec;
import io.weir.api.connector.Sink;
import io.weir.api.connector.Source;

/** Wires managers by hand for tests, as the engine would, and stops them all at the end. */
final class Rig implements AutoCloseable {
    /**
     * The workers the managers of the tests run on when {@code weir.test.workers} is set (the build runs the
     * manager tests once each way), else {@code null}: a thread per manager.
     */
    private static final Workers WORKERS = Integer.getInteger("weir.test.workers", 0) > 0
            ? new Workers(Integer.getInteger("weir.test.workers"), "test-worker") : null;

    private final List<ManagerThread> managers = new ArrayList<>();

    /** Starts a manager as the engine does: on the test workers or on a thread of its own (see {@link #WORKERS}). */
    static void start(ManagerThread manager) {
        start(manager, null);
    }

    /** As {@link #start(ManagerThread)}, under a watchdog. */
    static void start(ManagerThread manager, Watchdog watchdog) {
        manager.start(watchdog, WORKERS);
    }

    SinkSlot sinkSlot(String name, ManagerOptions options) {
        return new SinkSlot(name, options.queueCapacity(), options.queueBytes());
    }

    SinkManager sink(SinkSlot slot, Sink sink, ManagerOptions options, Codec codec, List<ProcessorStep> post) {
        SinkManager manager = new SinkManager(slot, new SinkSetup(slot.name(), sink, options, codec, post), Map.of());
        managers.add(manager);
        start(manager);
        return manager;
    }

    SourceManager source(SourceSlot slot, Source source, ManagerOptions options, Codec codec,
            List<ProcessorStep> pre) {
        SourceManager manager = new SourceManager(slot, new SourceSetup(slot.name(), source, options, codec, pre),
                Map.of());
        managers.add(manager);
        start(manager);
        return manager;
    }

    PipelineRunner pipeline(PipelineSlot slot, PipelineBuilder builder) {
        PipelineRunner runner = new PipelineRunner(slot,
                new PipelineSetup(slot.name(), builder, 16, 10, 10, 200, 1_000), Map.of());
        managers.add(runner);
        start(runner);
        return runner;
    }

    static SourceSlot wire(String name, Map<String, List<Routes.Target>> routes, List<Breaker> downstream) {
        SourceSlot slot = new SourceSlot(name);
        slot.routes(new Routes(routes));
        slot.gate(new Gate(downstream, null));
        return slot;
    }

    static Routes.Target to(SinkSlot slot) {
        return new Routes.Target(slot.inbox(), "in");
    }

    static Routes.Target to(PipelineSlot slot) {
        return new Routes.Target(slot.inbox(), "in");
    }

    @Override
    public void close() {
        List<ManagerThread> reversed = new ArrayList<>(managers);
        Collections.reverse(reversed);
        for (ManagerThread manager : reversed) {
            manager.stop(5_000);
        }
    }
}
