package io.weir.benchmarks.queue;

import java.util.concurrent.TimeUnit;

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

import io.weir.runtime.internal.manager.Batch;

/**
 * Fan-in: two producers feed one consumer (two sources into one pipeline or sink), for the
 * candidates that allow several producers. {@code take:events} is events handed over per second.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class QueueFanInBenchmark {
    @Param({"RuntimeInbox", "ArrayBlockingQueue", "MpscArrayQueue"})
    public HandoffQueue.Kind queue;

    @Param({"64"})
    public int batch;

    private HandoffQueue handoff;

    @Setup(Level.Trial)
    public void setUp() {
        handoff = HandoffQueue.create(queue, QueueHandoffBenchmark.CAPACITY_EVENTS, batch);
    }

    @Benchmark
    @Group("fanIn")
    @GroupThreads(2)
    public boolean put(Control control) {
        return handoff.put(QueueHandoffBenchmark.newBatch(batch), () -> control.stopMeasurement);
    }

    @Benchmark
    @Group("fanIn")
    @GroupThreads(1)
    public Batch take(Control control, QueueHandoffBenchmark.Received received) {
        Batch got = handoff.take(() -> control.stopMeasurement);
        if (got != null) {
            received.events += got.size();
        }
        return got;
    }
}
