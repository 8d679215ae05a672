package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/**
 * The per-stream state of a source: its preprocessors, one after the other, then the decoder. Every
 * frame the last preprocessor forms is decoded into one value. A malformed frame (a
 * {@link ProcessorException} or {@link CodecException}) becomes an error record carrying the reason
 * and the bytes that stage was given, and the stream goes on. A stage that throws anything else may
 * have lost its footing: the error is reported the same way and the chain is marked broken, so the
 * manager replaces it before the next data of the stream. {@link Error}s are not caught: the manager
 * treats them as a failure of the whole instance.
 *
 * <p>A stream outlives the manager that made its chain when a source is swapped: the next manager builds a
 * chain of the same {@link #processors()} (those whose plugin stays, with what they buffer) and new ones
 * {@link #resume resumed} with what their predecessors had not handed on.
 */
public final class DecodeChain {

    /** Receives what the chain produces. */
    public interface Records {
        /** @param value one decoded value */
        void value(Object value);

        /**
         * @param reason what was wrong, naming the stage
         * @param raw    the bytes that stage could not handle
         */
        void error(String reason, byte[] raw);
    }

    private final FrameOutput head;
    private final Stage[] stages;
    private final Decoder decoder;
    private final Records records;
    private boolean broken;

    /**
     * @param processors the preprocessors, created for this stream, with their names
     * @param names      the names, aligned with {@code processors}
     * @param decoder    the decoder created for this stream, or {@code null} to pass frames on as bytes
     * @param codecName  the codec's name, for messages
     * @param records    receives values and errors
     */
    public DecodeChain(List<Processor> processors, List<String> names, Decoder decoder, String codecName,
            Records records) {
        this.records = records;
        this.decoder = decoder;
        FrameOutput next = new DecodeStage(decoder, codecName);
        stages = new Stage[processors.size()];
        for (int i = processors.size() - 1; i >= 0; i--) {
            stages[i] = new Stage(processors.get(i), names.get(i), next);
            next = stages[i];
        }
        head = next;
    }

    /**
     * Runs bytes of the stream through the chain.
     *
     * @param data   the buffer
     * @param offset where the bytes start
     * @param length how many
     */
    public void process(byte[] data, int offset, int length) {
        head.frame(data, offset, length);
    }

    /** The stream ended: hands out what the preprocessors still buffer, in chain order. */
    public void finish() {
        finish(Set.of());
    }

    /**
     * The stream ended: hands out what the preprocessors still buffer, in chain order, skipping stages whose
     * processor was discarded (it handed its buffer over for a swap that could not go on).
     *
     * @param discarded the positions of the stages to skip
     */
    public void finish(Set<Integer> discarded) {
        for (int i = 0; i < stages.length; i++) {
            if (discarded.contains(i)) {
                continue;
            }
            Stage stage = stages[i];
            try {
                stage.processor.finish(stage.next);
            } catch (ProcessorException e) {
                records.error("preprocessor '" + stage.name + "' at stream end: " + e.getMessage(), new byte[0]);
            } catch (RuntimeException e) {
                records.error("preprocessor '" + stage.name + "' failed at stream end: " + e, new byte[0]);
                broken = true;
            }
        }
    }

    /** @return whether a stage threw something it should not have; the chain should be replaced */
    public boolean isBroken() {
        return broken;
    }

    /** @return the preprocessors, in chain order (a new list) */
    public List<Processor> processors() {
        List<Processor> processors = new ArrayList<>(stages.length);
        for (Stage stage : stages) {
            processors.add(stage.processor);
        }
        return processors;
    }

    /**
     * Gives new processors what the ones they replace had taken and not handed on
     * ({@link Processor#unprocessed()}), each to the stage at its position, from the last stage to the first: what
     * a later stage holds comes earlier in the stream than what an earlier stage still holds.
     *
     * @param unprocessed per stage, the bytes to give it; {@code null} where the stage kept its processor
     */
    public void resume(byte[][] unprocessed) {
        for (int i = Math.min(unprocessed.length, stages.length) - 1; i >= 0; i--) {
            if (unprocessed[i] != null && unprocessed[i].length > 0) {
                stages[i].frame(unprocessed[i], 0, unprocessed[i].length);
            }
        }
    }

    /** @return the decoder this chain was made with, or {@code null} when it passes frames on as bytes */
    public Decoder decoder() {
        return decoder;
    }

    private static byte[] copy(byte[] data, int offset, int length) {
        return Arrays.copyOfRange(data, offset, offset + length);
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
            try {
                processor.process(data, offset, length, next);
            } catch (ProcessorException e) {
                records.error("preprocessor '" + name + "': " + e.getMessage(), copy(data, offset, length));
            } catch (RuntimeException e) {
                records.error("preprocessor '" + name + "' failed: " + e, copy(data, offset, length));
                broken = true;
            }
        }
    }

    private final class DecodeStage implements FrameOutput {
        final Decoder decoder;
        final String codecName;

        DecodeStage(Decoder decoder, String codecName) {
            this.decoder = decoder;
            this.codecName = codecName;
        }

        @Override
        public void frame(byte[] data, int offset, int length) {
            if (decoder == null) {
                records.value(copy(data, offset, length));
                return;
            }
            Object value;
            try {
                value = decoder.decode(data, offset, length);
            } catch (CodecException e) {
                records.error("codec '" + codecName + "': " + e.getMessage(), copy(data, offset, length));
                return;
            } catch (RuntimeException e) {
                records.error("codec '" + codecName + "' failed: " + e, copy(data, offset, length));
                broken = true;
                return;
            }
            records.value(value);
        }
    }
}
