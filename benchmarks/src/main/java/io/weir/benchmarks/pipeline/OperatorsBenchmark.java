package io.weir.benchmarks.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.benchmarks.workload.TcpJsonEvent;
import io.weir.benchmarks.workload.TcpJsonGenerator;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.internal.codec.JsonCodec;
import io.weir.pipeline.internal.event.ArrayMap;

/**
 * The filter and fields operators through the compiled pipeline engine (the scenario-1 pipeline),
 * one event per operation. The fields operator changes the event, so each operation runs on a fresh
 * copy of a decoded event, made as the json decoder makes its maps (an {@link ArrayMap} sharing the
 * keys of the record before); {@link #copyOnly} measures that copy alone, to subtract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OperatorsBenchmark {
    private static final int EVENTS = 1000;

    private ArrayMap<String, Object>[] templates;
    private ScenarioPipeline.Counter counter;
    private Pipeline pipeline;
    private int next;
    private long sequence;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws CodecException {
        List<TcpJsonEvent> events = TcpJsonGenerator.first(EVENTS);
        Decoder decoder = new JsonCodec().decoder(Map.of());
        templates = new ArrayMap[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            byte[] json = events.get(i).jsonBytes();
            templates[i] = (ArrayMap<String, Object>) decoder.decode(json, 0, json.length);
        }
        counter = new ScenarioPipeline.Counter();
        pipeline = ScenarioPipeline.compile(counter);
    }

    @TearDown
    public void tearDown() {
        pipeline.close();
        long in = counter.emitted + counter.dropped;
        if (in > 0 && (counter.dropped * 100 / in < 9 || counter.dropped * 100 / in > 11)) {
            throw new IllegalStateException("expected about 10% dropped, got " + counter.dropped + " of " + in);
        }
    }

    private Event freshEvent() {
        int i = next;
        next = i + 1 == EVENTS ? 0 : i + 1;
        long n = sequence++;
        ArrayMap<String, Object> template = templates[i];
        ArrayMap<String, Object> value = ArrayMap.sharingKeys(template.shareKeys());
        for (int k = 0; k < template.size(); k++) {
            value.putNext(template.keyAt(k), template.valueAt(k));
        }
        return new Event(new EventId("bench", 0, n, n), n, value, new LinkedHashMap<>());
    }

    @Benchmark
    public Event filterAndFields() {
        pipeline.process("in", freshEvent());
        return counter.last;
    }

    @Benchmark
    public Event copyOnly() {
        return freshEvent();
    }
}
