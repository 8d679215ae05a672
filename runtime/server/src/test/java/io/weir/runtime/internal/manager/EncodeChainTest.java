package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.weir.api.codec.Encoder;
import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.Processor;

import org.junit.Test;

/** The frames a sink gets: copies of what a stage frames from its own buffer, what a stage hands over as it is. */
public class EncodeChainTest {
    private static final Encoder TEXT = value -> ((String) value).getBytes(StandardCharsets.UTF_8);

    /** Frames each record with a newline in a buffer it reuses, as a stage may. */
    private static final class ReusingNewline implements Processor {
        final byte[] buffer = new byte[64];

        @Override
        public void process(byte[] data, int offset, int length, FrameOutput out) {
            System.arraycopy(data, offset, buffer, 0, length);
            buffer[length] = '\n';
            out.frame(buffer, 0, length + 1);
        }
    }

    /** Frames each record with a newline in a new array, handed over. */
    private static final class HandingOverNewline implements Processor {
        byte[] last;

        @Override
        public void process(byte[] data, int offset, int length, FrameOutput out) {
            last = Arrays.copyOfRange(data, offset, offset + length + 1);
            last[length] = '\n';
            out.handOver(last);
        }
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Test
    public void aFrameHandedOverIsKeptWithoutACopy() throws Exception {
        HandingOverNewline stage = new HandingOverNewline();
        EncodeChain chain = new EncodeChain(TEXT, "text", List.of(stage), List.of("newline"));
        List<byte[]> frames = chain.encode("a");
        assertEquals(1, frames.size());
        assertSame(stage.last, frames.get(0));
        assertEquals("a\n", text(frames.get(0)));
    }

    @Test
    public void aFrameInAReusedBufferIsCopied() throws Exception {
        ReusingNewline stage = new ReusingNewline();
        EncodeChain chain = new EncodeChain(TEXT, "text", List.of(stage), List.of("newline"));
        List<byte[]> first = chain.encode("first");
        assertNotSame(stage.buffer, first.get(0));
        chain.encode("2nd");
        assertEquals("first\n", text(first.get(0)));
    }

    @Test
    public void aFrameHandedOverGoesThroughTheStagesAfterIt() throws Exception {
        // Handed over to a stage that reuses its buffer: the last stage's frame is copied, the first's left alone.
        HandingOverNewline first = new HandingOverNewline();
        ReusingNewline second = new ReusingNewline();
        EncodeChain chain = new EncodeChain(TEXT, "text", List.of(first, second), List.of("one", "two"));
        List<byte[]> frames = chain.encode("x");
        assertEquals(1, frames.size());
        assertEquals("x\n\n", text(frames.get(0)));
        assertNotSame(second.buffer, frames.get(0));
        assertArrayEquals("x\n".getBytes(StandardCharsets.UTF_8), first.last);
    }

    @Test
    public void severalFramesOfOneRecordKeepTheirOrder() throws Exception {
        // One record framed twice: first handed over, then from a reused buffer, then handed over again.
        Processor twice = (data, offset, length, out) -> {
            out.handOver(Arrays.copyOfRange(data, offset, offset + length));
            out.frame(new byte[] {'-', '-'}, 1, 1);
            out.handOver(new byte[] {'!'});
        };
        EncodeChain chain = new EncodeChain(TEXT, "text", List.of(twice), List.of("twice"));
        List<byte[]> frames = chain.encode("ab");
        assertEquals(List.of("ab", "-", "!"), frames.stream().map(EncodeChainTest::text).toList());
    }
}
