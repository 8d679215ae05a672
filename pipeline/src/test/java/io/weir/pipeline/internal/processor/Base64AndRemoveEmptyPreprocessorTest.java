package io.weir.pipeline.internal.processor;

import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.ProcessorHarness.Run;

public class Base64AndRemoveEmptyPreprocessorTest {

    private static Run perRecord(Processor p, String... records) {
        Run run = new Run();
        for (String r : records) {
            byte[] b = bytes(r);
            try {
                p.process(b, 0, b.length, (data, offset, length) -> run.frames.add(java.util.Arrays.copyOfRange(data, offset, offset + length)));
            } catch (ProcessorException e) {
                run.errors.add(e);
            }
        }
        return run;
    }

    @Test
    public void decodesEachRecordWithOrWithoutPaddingIgnoringSurroundingWhitespace() {
        Run run = perRecord(new Base64PreprocessorFactory().create(Map.of()), "aGVsbG8=", "aGVsbG8", " aGk=\r", "");
        assertEquals(List.of(), run.errors);
        assertEquals(List.of("hello", "hello", "hi", ""), run.strings());
    }

    @Test
    public void reportsBadBase64AndGoesOn() {
        Run run = perRecord(new Base64PreprocessorFactory().create(Map.of()), "a$b=", "aGk=", "a");
        assertEquals(List.of("hi"), run.strings());
        assertEquals(2, run.errors.size());
        assertTrue(run.errors.get(0).getMessage().startsWith("base64: invalid input: "));
    }

    @Test
    public void removeEmptyDropsOnlyEmptyRecords() {
        Run run = perRecord(new RemoveEmptyPreprocessorFactory().create(Map.of()), "", "a", "", " ", "");
        assertEquals(List.of("a", " "), run.strings());
    }

    @Test
    public void processorsWithoutOptionsRejectAnyOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Base64PreprocessorFactory().create(Map.of("x", 1)));
        assertEquals("base64: unknown option 'x' (it takes no options)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RemoveEmptyPreprocessorFactory().create(Map.of("x", 1)));
    }
}
