package io.weir.runtime.internal.testing;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;

/** A line splitter (preprocessor) and line terminator (postprocessor) with a maximum line length. */
public class SplitLines implements PreprocessorFactory, PostprocessorFactory {
    @Override
    public Processor create(Map<String, Object> options) {
        int max = Integer.parseInt(String.valueOf(options.getOrDefault("max_length", "64")));
        return new Processor() {
            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

            @Override
            public void process(byte[] data, int offset, int length, FrameOutput out) throws ProcessorException {
                boolean tooLong = false;
                for (int i = offset; i < offset + length; i++) {
                    if (data[i] == '\n') {
                        byte[] line = partial.toByteArray();
                        partial.reset();
                        if (line.length > max) {
                            tooLong = true;
                        } else {
                            out.frame(line, 0, line.length);
                        }
                    } else {
                        partial.write(data[i]);
                    }
                }
                if (tooLong) {
                    throw new ProcessorException("line longer than " + max + " bytes");
                }
            }

            @Override
            public void finish(FrameOutput out) {
                if (partial.size() > 0) {
                    byte[] line = partial.toByteArray();
                    partial.reset();
                    out.frame(line, 0, line.length);
                }
            }
        };
    }

    /** A postprocessor that appends a newline to each frame. */
    public static PostprocessorFactory terminator() {
        return options -> (data, offset, length, out) -> {
            byte[] framed = new byte[length + 1];
            System.arraycopy(data, offset, framed, 0, length);
            framed[length] = '\n';
            out.frame(framed, 0, framed.length);
        };
    }
}
