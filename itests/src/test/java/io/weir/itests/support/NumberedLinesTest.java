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

    @Test
    public void runsShowGapsRepeatsAndReordering() {
        List<String> lines = new java.util.ArrayList<>(NumberedLines.lines(0, 400));
        lines.addAll(NumberedLines.lines(340, 500));
        lines.add(NumberedLines.line(7));
        assertEquals("0-399 340-499 7-7", NumberedLines.runs(lines));
        assertEquals("", NumberedLines.runs(List.of()));
    }
}
