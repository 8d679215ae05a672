package io.weir.benchmarks.processor;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.benchmarks.workload.TcpJsonWorkload;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

/**
 * The {@code separate} preprocessor (the line splitter) on a large buffer: 100,000 scenario-1 events
 * (about 14 MB), handed over in chunks of {@code chunk} bytes as a TCP source reads them, so lines
 * that straddle two chunks take the copying path. Throughput in lines per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SeparateBenchmark {
    static final int LINES = 100_000;

    /** Bytes handed to the processor per call; 16 MiB is the whole buffer at once. */
    @Param({"65536", "16777216"})
    public int chunk;

    private final SeparatePreprocessorFactory factory = new SeparatePreprocessorFactory();
    private byte[] data;
    private int length;

    @Setup
    public void setUp() {
        TcpJsonWorkload workload = TcpJsonWorkload.generate(LINES);
        data = workload.data();
        length = workload.bytes();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long split(Blackhole blackhole) throws ProcessorException {
        // One stream per invocation, as a processor is discarded after finish.
        Processor splitter = factory.create(Map.of());
        FrameCounter counter = new FrameCounter(blackhole);
        for (int at = 0; at < length; at += chunk) {
            splitter.process(data, at, Math.min(chunk, length - at), counter);
        }
        splitter.finish(counter);
        if (counter.frames != LINES) {
            throw new IllegalStateException("expected " + LINES + " lines, got " + counter.frames);
        }
        return counter.bytes;
    }

    /** Counts the frames, and hands each to the blackhole so that nothing is optimised away. */
    private static final class FrameCounter implements FrameOutput {
        private final Blackhole blackhole;
        long frames;
        long bytes;

        FrameCounter(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void frame(byte[] data, int offset, int length) {
            frames++;
            bytes += length;
            blackhole.consume(offset);
        }
    }
}
