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
    private final List<ManagerThread> managers = new ArrayList<>();

    SinkSlot sinkSlot(String name, ManagerOptions options) {
        return new SinkSlot(name, options.queueCapacity(), options.queueBytes());
    }

    SinkManager sink(SinkSlot slot, Sink sink, ManagerOptions options, Codec codec, List<ProcessorStep> post) {
        SinkManager manager = new SinkManager(slot, new SinkSetup(slot.name(), sink, options, codec, post), Map.of());
        managers.add(manager);
        manager.start();
        return manager;
    }

    SourceManager source(SourceSlot slot, Source source, ManagerOptions options, Codec codec,
            List<ProcessorStep> pre) {
        SourceManager manager = new SourceManager(slot, new SourceSetup(slot.name(), source, options, codec, pre),
                Map.of());
        managers.add(manager);
        manager.start();
        return manager;
    }

    PipelineRunner pipeline(PipelineSlot slot, PipelineBuilder builder) {
        PipelineRunner runner = new PipelineRunner(slot,
                new PipelineSetup(slot.name(), builder, 16, 10, 10, 200, 1_000), Map.of());
        managers.add(runner);
        runner.start();
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
