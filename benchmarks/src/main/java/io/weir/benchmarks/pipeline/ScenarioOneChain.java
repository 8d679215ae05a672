package io.weir.benchmarks.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.graph.Pipeline;
import io.weir.pipeline.graph.PipelineListener;
import io.weir.pipeline.internal.codec.JsonCodec;
import io.weir.pipeline.internal.processor.SeparatePostprocessorFactory;

/**
 * Scenario 1 after the line splitter, on the caller's thread: json decode, the scenario-1 pipeline,
 * json encode and the separate postprocessor, whose frames go to {@code sink}. Feed it the frames of
 * a {@code separate} preprocessor. Not thread-safe.
 */
public final class ScenarioOneChain implements FrameOutput, PipelineListener {
    private final Decoder decoder = new JsonCodec().decoder(Map.of());
    private final Encoder encoder = new JsonCodec().encoder(Map.of());
    private final Processor framer = new SeparatePostprocessorFactory().create(Map.of());
    private final Pipeline pipeline = ScenarioPipeline.compile(this);
    private final FrameOutput sink;
    private long sequence;
    private String failure;

    /** @param sink receives each surviving event, encoded and newline-terminated */
    public ScenarioOneChain(FrameOutput sink) {
        this.sink = sink;
    }

    /** @return the first thing that went wrong, or null */
    public String failure() {
        return failure;
    }

    @Override
    public void frame(byte[] bytes, int offset, int length) {
        try {
            Object value = decoder.decode(bytes, offset, length);
            long n = sequence++;
            pipeline.process("in", new Event(new EventId("tcp", 0, n, n), n, value, new LinkedHashMap<>()));
        } catch (CodecException e) {
            fail(e.getMessage());
        }
    }

    @Override
    public void emit(String port, Event event) {
        if (!"out".equals(port)) {
            fail("event on port " + port + ": " + event);
            return;
        }
        try {
            byte[] encoded = encoder.encode(event.value());
            framer.process(encoded, 0, encoded.length, sink);
        } catch (CodecException | ProcessorException e) {
            fail(e.getMessage());
        }
    }

    @Override
    public void complete(Event event, boolean success) {
        if (!success) {
            fail("event failed: " + event);
        }
    }

    @Override
    public void pauseUpstream(String node, String reason) {
    }

    @Override
    public void resumeUpstream(String node) {
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }
}
