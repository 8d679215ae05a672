package io.weir.runtime.internal.manager;

import java.util.Arrays;
import java.util.List;

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
 * <p>A chain outlives the manager that made it when a source is swapped: {@link #continueWith} hands its
 * preprocessors, with what they buffer, to the next manager, with the next decoder.
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
    private boolean handedOn;

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
        for (Stage stage : stages) {
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

    /** @return the decoder this chain was made with, or {@code null} when it passes frames on as bytes */
    public Decoder decoder() {
        return decoder;
    }

    /**
     * The chain that goes on with this stream under another manager: the same preprocessor instances,
     * so what they buffer (half a record) is completed by the next bytes, in front of {@code decoder}.
     * This chain must not be used afterwards.
     *
     * @param decoder   this chain's {@link #decoder()} when its codec stays, else one from the codec's new
     *                  version; {@code null} to pass frames on as bytes
     * @param codecName the codec's name, for messages
     * @param records   receives values and errors from now on
     * @return the chain
     * @throws IllegalStateException when this chain was handed on already
     */
    public DecodeChain continueWith(Decoder decoder, String codecName, Records records) {
        if (handedOn) {
            throw new IllegalStateException("this decode chain was handed on already");
        }
        handedOn = true;
        List<Processor> processors = new java.util.ArrayList<>(stages.length);
        List<String> names = new java.util.ArrayList<>(stages.length);
        for (Stage stage : stages) {
            processors.add(stage.processor);
            names.add(stage.name);
        }
        return new DecodeChain(processors, names, decoder, codecName, records);
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
