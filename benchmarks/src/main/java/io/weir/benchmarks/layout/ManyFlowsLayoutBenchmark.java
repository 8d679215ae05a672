package io.weir.benchmarks.layout;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.weir.api.codec.Codec;
import io.weir.benchmarks.codec.CodecData;

/**
 * How the thread layout of the runtime bears on scenario 4 (many flows): {@code flows} copies of
 * scenario 2's data path (Tremor's JSON events decoded into a batch, handed on, encoded), run by
 * {@link FlowLayout#THREAD_PER_STAGE}, the runtime's layout with {@code weir.scheduler = threads} (a
 * thread per stage and the runtime's own {@code Inbox} between them, bounded as by default), by
 * {@link FlowLayout#WORKERS}, one worker per core taking the flows in turn and running a batch through
 * both stages before the next flow, or by {@link FlowLayout#STAGE_TASKS}, one worker per core running
 * each stage as a task of its own (and {@link FlowLayout#STAGE_TASKS_LOCAL}, which keeps a batch on the
 * worker that made it, the layout the runtime's workers follow; {@link FlowLayout#SINK_TASKS} makes
 * only the sinks tasks). The
 * codecs, events and batches are the runtime's. Every layout leaves out the same things: connectors,
 * splitting lines and framing them, acknowledgements, counters, latency histograms. The model's sources
 * are always ready, so the workers never wait for data or look for a flow that has some: they are an
 * upper bound of what a runtime with workers would do. Scenario 4's target compares 100 flows with one,
 * so the figures to read are {@code flows=100} against {@code THREAD_PER_STAGE} with {@code flows=1}.
 * One invocation moves {@value #EVENTS} events in all and takes seconds, so each iteration is one
 * invocation and JMH's score is events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 12, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms64m", "-Xmx1g"})
@OperationsPerInvocation(ManyFlowsLayoutBenchmark.EVENTS)
public class ManyFlowsLayoutBenchmark {
    static final int EVENTS = 2_000_000;

    @Param({"1", "100"})
    public int flows;

    @Param({"THREAD_PER_STAGE", "WORKERS", "STAGE_TASKS", "STAGE_TASKS_LOCAL"})
    public FlowLayout layout;

    private byte[][] lines;
    private Codec codec;

    @Setup(Level.Trial)
    public void setUp() {
        if (flows < 1 || EVENTS % flows != 0) {
            throw new IllegalArgumentException("flows must divide " + EVENTS + " events evenly, got " + flows);
        }
        lines = CodecData.JSON_TREMOR.records();
        codec = CodecData.JSON_TREMOR.codec();
    }

    /** @return the bytes encoded, so that nothing is optimized away */
    @Benchmark
    public long run() throws InterruptedException {
        FlowModel[] models = FlowModel.flows(flows, lines, codec, EVENTS / flows);
        layout.run(models, Runtime.getRuntime().availableProcessors());
        return FlowModel.checkAll(models);
    }

    /** For a run outside JMH: {@code java -cp benchmarks.jar ...ManyFlowsLayoutBenchmark LAYOUT FLOWS}. */
    public static void main(String[] args) throws InterruptedException {
        ManyFlowsLayoutBenchmark benchmark = new ManyFlowsLayoutBenchmark();
        benchmark.layout = FlowLayout.valueOf(args[0]);
        benchmark.flows = Integer.parseInt(args[1]);
        benchmark.setUp();
        for (int i = 0; i < 6; i++) {
            long start = System.nanoTime();
            benchmark.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s flows=%d: %,.0f events/s%n", benchmark.layout, benchmark.flows, EVENTS / seconds);
        }
    }
}
