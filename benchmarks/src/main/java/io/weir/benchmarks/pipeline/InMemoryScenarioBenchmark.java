package io.weir.benchmarks.pipeline;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.benchmarks.workload.TcpJsonWorkload;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

/**
 * Scenario 1 on one thread, with no server around it: 64 KiB chunks of the TCP JSON workload go
 * through separate, json decode, the scenario-1 pipeline, json encode and the separate
 * postprocessor into a reused output buffer ({@link ScenarioOneChain}). This is the ceiling the
 * issue speaks of (Jackson at 1.2 to 1.6 million events/s on one core); the end-to-end scenario adds
 * threads, queues, acknowledgements, the socket and the file. Throughput in input events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InMemoryScenarioBenchmark {
    static final int EVENTS = 100_000;
    private static final int CHUNK = 65536;

    private final SeparatePreprocessorFactory splitters = new SeparatePreprocessorFactory();
    private final byte[] out = new byte[1 << 20];
    private byte[] data;
    private int length;
    private int used;
    private long written;
    private ScenarioOneChain chain;

    @Setup
    public void setUp() {
        TcpJsonWorkload workload = TcpJsonWorkload.generate(EVENTS);
        data = workload.data();
        length = workload.bytes();
        chain = new ScenarioOneChain(this::write);
    }

    /** The file sink's part, minus the system call: copy into a buffer. */
    private void write(byte[] bytes, int offset, int len) {
        if (used + len > out.length) {
            used = 0;
        }
        System.arraycopy(bytes, offset, out, used, len);
        used += len;
        written += len;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long scenario1() throws ProcessorException {
        long before = written;
        Processor splitter = splitters.create(Map.of());
        for (int at = 0; at < length; at += CHUNK) {
            splitter.process(data, at, Math.min(CHUNK, length - at), chain);
        }
        splitter.finish(chain);
        if (chain.failure() != null) {
            throw new IllegalStateException(chain.failure());
        }
        return written - before;
    }
}
