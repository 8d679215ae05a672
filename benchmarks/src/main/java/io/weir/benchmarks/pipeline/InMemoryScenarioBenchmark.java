package io.weir.benchmarks.pipeline;

import java.util.LinkedHashMap;
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

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.benchmarks.workload.TcpJsonWorkload;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.pipeline.internal.codec.JsonCodec;
import io.weir.pipeline.internal.processor.SeparatePostprocessorFactory;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

/**
 * Scenario 1 on one thread, with no server around it: 64 KiB chunks of the TCP JSON workload go
 * through separate, json decode, the scenario-1 pipeline, json encode and the separate
 * postprocessor into a reused output buffer. This is the ceiling the issue speaks of (Jackson at
 * 1.2 to 1.6 million events/s on one core); the end-to-end scenario adds threads, queues,
 * acknowledgements and the socket and file. Throughput in input events per second.
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
    private byte[] data;
    private int length;
    private Chain chain;

    @Setup
    public void setUp() {
        TcpJsonWorkload workload = TcpJsonWorkload.generate(EVENTS);
        data = workload.data();
        length = workload.bytes();
        chain = new Chain();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long scenario1() throws ProcessorException {
        long before = chain.written;
        Processor splitter = splitters.create(Map.of());
        for (int at = 0; at < length; at += CHUNK) {
            splitter.process(data, at, Math.min(CHUNK, length - at), chain);
        }
        splitter.finish(chain);
        if (chain.failure != null) {
            throw new IllegalStateException(chain.failure);
        }
        return chain.written - before;
    }

    /** Everything after the splitter: decode, pipeline, encode, frame, write into memory. */
    private static final class Chain implements FrameOutput, PipelineListener {
        private final Decoder decoder = new JsonCodec().decoder(Map.of());
        private final Encoder encoder = new JsonCodec().encoder(Map.of());
        private final Processor framer = new SeparatePostprocessorFactory().create(Map.of());
        private final Pipeline pipeline = ScenarioPipeline.compile(this);
        private final byte[] out = new byte[1 << 20];
        private final FrameOutput sink = this::write;
        private int used;
        private long sequence;
        long written;
        String failure;

        @Override
        public void frame(byte[] bytes, int offset, int len) {
            try {
                Object value = decoder.decode(bytes, offset, len);
                long n = sequence++;
                pipeline.process("in", new Event(new EventId("tcp", 0, n, n), n, value, new LinkedHashMap<>()));
            } catch (CodecException e) {
                failure = e.getMessage();
            }
        }

        @Override
        public void emit(String port, Event event) {
            if (!"out".equals(port)) {
                failure = "event on port " + port + ": " + event;
                return;
            }
            try {
                byte[] encoded = encoder.encode(event.value());
                framer.process(encoded, 0, encoded.length, sink);
            } catch (CodecException | ProcessorException e) {
                failure = e.getMessage();
            }
        }

        private void write(byte[] bytes, int offset, int len) {
            if (used + len > out.length) {
                used = 0;
            }
            System.arraycopy(bytes, offset, out, used, len);
            used += len;
            written += len;
        }

        @Override
        public void complete(Event event, boolean success) {
            if (!success) {
                failure = "event failed: " + event;
            }
        }

        @Override
        public void pauseUpstream(String node, String reason) {
        }

        @Override
        public void resumeUpstream(String node) {
        }
    }
}
