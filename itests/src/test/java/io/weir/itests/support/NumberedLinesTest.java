package io.weir.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class NumberedLinesTest {

    @Test
    public void linesCarryTheirNumber() {
        assertEquals(List.of("line-000009", "line-000010"), NumberedLines.lines(9, 11));
        assertEquals("line-000009\nline-000010\n", NumberedLines.text(9, 11));
        assertEquals(123456, NumberedLines.number(NumberedLines.line(123456)));
        assertThrows(IllegalArgumentException.class, () -> NumberedLines.number("other"));
    }
}
