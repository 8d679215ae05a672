package io.weir.pipeline.internal.processor;

import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.Test;

import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.compression.DecompressPreprocessorFactory;

/**
 * A hot swap replaces a preprocessor in the middle of a stream: the old one hands over what it holds
 * ({@link Processor#unprocessed()}), the new one is given those bytes first. At every cut point of the
 * input, the records of the old processor up to the cut plus those of the new one must be exactly the
 * records one processor makes of the whole input.
 */
public class UnprocessedHandOverTest {

    @Test
    public void separateHandsOverItsUnfinishedLineAtEveryCut() {
        everyCut(() -> new SeparatePreprocessorFactory().create(Map.of()), bytes("one\ntwo\n\nthree\nlast"));
        everyCut(() -> new SeparatePreprocessorFactory().create(Map.of("separator", "|")), bytes("a|bb|ccc|"));
    }

    @Test
    public void separateCannotHandOverWhileDroppingAnOverLongRecord() throws Exception {
        Processor old = new SeparatePreprocessorFactory().create(Map.of("max_length", 4));
        try {
            old.process(bytes("ok\ntoo long"), 0, 11, (d, o, l) -> { });
        } catch (ProcessorException expected) {
            // the over-long record is reported at the end of the input
        }
        assertNull(old.unprocessed());
        old.process(bytes("\n"), 0, 1, (d, o, l) -> { });
        assertArrayEquals(new byte[0], old.unprocessed());
    }

    @Test
    public void lengthPrefixedHandsOverPrefixAndBodyAtEveryCut() {
        byte[] input = concat(frame4(bytes("hello")), frame4(new byte[0]), frame4(bytes("x")),
                frame4(new byte[300]));
        everyCut(() -> new LengthPrefixedPreprocessorFactory().create(Map.of()), input);
    }

    @Test
    public void textualLengthPrefixedHandsOverDigitsSpaceAndBodyAtEveryCut() {
        // Leading zeros must come back as they were read.
        everyCut(() -> new TextualLengthPrefixedPreprocessorFactory().create(Map.of()),
                bytes("5 hello0 1 x007 abcdefg12 twelve bytes"));
    }

    @Test
    public void lengthPrefixedCannotHandOverWhileSkippingAnOverLongRecord() throws Exception {
        Processor old = new LengthPrefixedPreprocessorFactory().create(Map.of("max_length", 2));
        byte[] input = frame4(bytes("longer"));
        try {
            old.process(input, 0, 7, (d, o, l) -> { });
        } catch (ProcessorException expected) {
            // announced longer than max_length
        }
        assertNull(old.unprocessed());
    }

    @Test
    public void recordWisePreprocessorsHoldNothing() throws Exception {
        Processor base64 = new Base64PreprocessorFactory().create(Map.of());
        base64.process(bytes("aGk="), 0, 4, (d, o, l) -> { });
        assertArrayEquals(new byte[0], base64.unprocessed());
        Processor removeEmpty = new RemoveEmptyPreprocessorFactory().create(Map.of());
        assertArrayEquals(new byte[0], removeEmpty.unprocessed());
    }

    @Test
    public void aDecompressorCannotHandOverItsWindow() {
        assertNull(new DecompressPreprocessorFactory().create(Map.of()).unprocessed());
    }

    private static void everyCut(Supplier<Processor> processors, byte[] input) {
        List<String> expected = ProcessorHarness.whole(processors.get(), input).strings();
        assertEquals("no errors in the reference run", 0, ProcessorHarness.whole(processors.get(), input).errors.size());
        for (int cut = 0; cut <= input.length; cut++) {
            List<String> frames = new ArrayList<>();
            Processor old = processors.get();
            try {
                old.process(input, 0, cut, (d, o, l) -> frames.add(new String(d, o, l, StandardCharsets.ISO_8859_1)));
            } catch (ProcessorException e) {
                throw new AssertionError("cut " + cut + ": " + e.getMessage(), e);
            }
            byte[] held = old.unprocessed();
            assertNotNull("cut " + cut + ": nothing handed over", held);
            byte[] rest = concat(held, Arrays.copyOfRange(input, cut, input.length));
            // Scribble over the old processor's buffers: the hand-over must be a copy.
            try {
                old.finish((d, o, l) -> Arrays.fill(d, (byte) '#'));
            } catch (ProcessorException truncated) {
                // the old processor is discarded; a cut inside a record is what it complains of
            }
            ProcessorHarness.Run after = ProcessorHarness.whole(processors.get(), rest);
            assertEquals("cut " + cut, 0, after.errors.size());
            frames.addAll(latin1(after.frames));
            assertEquals("cut " + cut, latin1(utf8(expected)), frames);
        }
    }

    private static List<byte[]> utf8(List<String> strings) {
        List<byte[]> out = new ArrayList<>();
        for (String s : strings) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> latin1(List<byte[]> frames) {
        List<String> out = new ArrayList<>();
        for (byte[] f : frames) {
            out.add(new String(f, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static byte[] frame4(byte[] body) {
        byte[] out = new byte[4 + body.length];
        out[0] = (byte) (body.length >>> 24);
        out[1] = (byte) (body.length >>> 16);
        out[2] = (byte) (body.length >>> 8);
        out[3] = (byte) body.length;
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p, 0, p.length);
        }
        return all.toByteArray();
    }
}
