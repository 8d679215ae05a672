package io.weir.benchmarks.queue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.runtime.internal.manager.Batch;

/**
 * The hand-off of event batches from one stage's thread to the next (a source manager to a
 * pipeline, a pipeline to a sink manager): one producer, one consumer, a bounded queue holding
 * 8192 events. The figure that matters is {@code take:events}, events handed over per second; the
 * producer fills a new runtime {@link Batch} per operation, as a source manager does.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class QueueHandoffBenchmark {
    static final int CAPACITY_EVENTS = 8192;
    static final Event EVENT = new Event(new EventId("bench", 0, 0, 0), 0, Map.of("n", 1L), Map.of());

    @Param({"RuntimeInbox", "ArrayBlockingQueue", "SpscArrayQueue", "MpscArrayQueue"})
    public HandoffQueue.Kind queue;

    @Param({"1", "64", "512"})
    public int batch;

    private HandoffQueue handoff;

    @Setup(Level.Trial)
    public void setUp() {
        handoff = HandoffQueue.create(queue, CAPACITY_EVENTS, batch);
    }

    /** Events the consumer received, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received {
        public long events;
    }

    static Batch newBatch(int size) {
        Batch batch = new Batch("in", size);
        for (int i = 0; i < size; i++) {
            batch.add(EVENT, null);
        }
        return batch;
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public boolean put(Control control) {
        return handoff.put(newBatch(batch), () -> control.stopMeasurement);
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public Batch take(Control control, Received received) {
        Batch got = handoff.take(() -> control.stopMeasurement);
        if (got != null) {
            received.events += got.size();
        }
        return got;
    }
}
