package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Encoder;
import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * The per-stream state of a sink: the encoder, then the postprocessors one after the other. Turns a
 * value into the frames the sink writes.
 */
public final class EncodeChain {

    /** A value could not be encoded or postprocessed; the event is failed and the stream goes on. */
    public static final class EncodeException extends Exception {
        private static final long serialVersionUID = 1L;

        EncodeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Encoder encoder;
    private final String codecName;
    private final Stage[] stages;
    private final Collector collector = new Collector();
    private final FrameOutput head;
    private boolean broken;

    /**
     * @param encoder    the encoder created for this stream, or {@code null} for a structured sink
     * @param codecName  the codec's name, for messages
     * @param processors the postprocessors created for this stream
     * @param names      their names, aligned with {@code processors}
     */
    public EncodeChain(Encoder encoder, String codecName, List<Processor> processors, List<String> names) {
        this.encoder = encoder;
        this.codecName = codecName;
        stages = new Stage[processors.size()];
        FrameOutput next = collector;
        for (int i = processors.size() - 1; i >= 0; i--) {
            stages[i] = new Stage(processors.get(i), names.get(i), next);
            next = stages[i];
        }
        head = next;
    }

    /**
     * @param value a JSON-like value
     * @return the frames to write; empty for a sink without codec
     * @throws EncodeException when the codec or a postprocessor refused the value
     */
    public List<byte[]> encode(Object value) throws EncodeException {
        if (encoder == null) {
            return List.of();
        }
        byte[] encoded;
        try {
            encoded = encoder.encode(value);
        } catch (CodecException e) {
            throw new EncodeException("codec '" + codecName + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            broken = true;
            throw new EncodeException("codec '" + codecName + "' failed: " + e, e);
        }
        if (encoded == null) {
            broken = true;
            throw new EncodeException("codec '" + codecName + "' returned no bytes", null);
        }
        if (stages.length == 0) {
            return List.of(encoded);
        }
        collector.start();
        try {
            head.frame(encoded, 0, encoded.length);
            if (collector.error != null) {
                throw collector.error;
            }
            return collector.take();
        } finally {
            collector.error = null;
        }
    }

    /**
     * The stream ended: hands out what the postprocessors still buffer (a last partial chunk).
     *
     * @return the frames; usually empty
     * @throws EncodeException when a postprocessor failed to finish
     */
    public List<byte[]> finish() throws EncodeException {
        collector.start();
        try {
            for (Stage stage : stages) {
                try {
                    stage.processor.finish(stage.next);
                } catch (ProcessorException e) {
                    throw new EncodeException("postprocessor '" + stage.name + "' at stream end: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new EncodeException("postprocessor '" + stage.name + "' failed at stream end: " + e, e);
                }
                if (collector.error != null) {
                    throw collector.error;
                }
            }
            return collector.take();
        } finally {
            collector.error = null;
        }
    }

    /** @return whether a stage threw something it should not have; the chain should be replaced */
    public boolean isBroken() {
        return broken;
    }

    private final class Stage implements FrameOutput {
        final Processor processor;
        final String name;
        final FrameOutput next;

        Stage(Processor processor, String name, FrameOutput next) {
            this.processor = processor;
            this.name = name;
            this.next = next;
        }

        @Override
        public void frame(byte[] data, int offset, int length) {
            if (collector.error != null) {
                return;
            }
            try {
                processor.process(data, offset, length, next);
            } catch (ProcessorException e) {
                collector.error = new EncodeException("postprocessor '" + name + "': " + e.getMessage(), e);
            } catch (RuntimeException e) {
                broken = true;
                collector.error = new EncodeException("postprocessor '" + name + "' failed: " + e, e);
            }
        }
    }

    /** Copies the frames the last stage hands out (stages reuse their buffers); one frame needs no list of its own. */
    private static final class Collector implements FrameOutput {
        byte[] first;
        List<byte[]> frames;
        EncodeException error;

        void start() {
            first = null;
            frames = null;
            error = null;
        }

        List<byte[]> take() {
            List<byte[]> out = frames != null ? frames : first != null ? List.of(first) : List.of();
            first = null;
            frames = null;
            return out;
        }

        @Override
        public void frame(byte[] data, int offset, int length) {
            byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
            if (first == null && frames == null) {
                first = copy;
                return;
            }
            if (frames == null) {
                frames = new ArrayList<>(4);
                frames.add(first);
                first = null;
            }
            frames.add(copy);
        }
    }
}
