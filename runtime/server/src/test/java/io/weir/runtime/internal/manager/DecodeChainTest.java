package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.processor.Processor;
import io.weir.runtime.internal.testing.SplitLines;

import org.junit.Test;

/** A chain resumed with what the processors it replaces had not handed on keeps the stream's order. */
public class DecodeChainTest {
    private final List<Object> values = new ArrayList<>();
    private final DecodeChain.Records records = new DecodeChain.Records() {
        @Override
        public void value(Object value) {
            values.add(new String((byte[]) value, StandardCharsets.UTF_8));
        }

        @Override
        public void error(String reason, byte[] raw) {
            values.add("error: " + reason);
        }
    };

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void whatALaterStageHeldComesBeforeWhatAnEarlierStageHeld() {
        // The old line splitter (stage 1) held "b"; the old stage 0 held "c\n", which its new version, a pass-through,
        // hands on at once. In the stream "b" came first, so the line is "bc".
        Processor passThrough = (data, offset, length, out) -> out.frame(data, offset, length);
        DecodeChain chain = new DecodeChain(List.of(passThrough, new SplitLines().create(Map.of())),
                List.of("first", "lines"), null, null, records);
        chain.resume(new byte[][] {bytes("c\n"), bytes("b")});
        assertEquals(List.of("bc"), values);
        byte[] more = bytes("d\n");
        chain.process(more, 0, more.length);
        assertEquals(List.of("bc", "d"), values);
    }

    @Test
    public void aStageThatKeptItsProcessorIsGivenNothing() {
        DecodeChain chain = new DecodeChain(List.of(new SplitLines().create(Map.of())), List.of("lines"), null, null,
                records);
        chain.resume(new byte[][] {null});
        byte[] more = bytes("x\n");
        chain.process(more, 0, more.length);
        assertEquals(List.of("x"), values);
    }
}
