package io.weir.pipeline.internal.option;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

public class OptionsTest {

    private static Options of(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Options.of("owner", map, "a", "b");
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    public void parsesIntegersFromNumbersAndStringsLeniently() {
        assertEquals(5, of("a", 5).positiveInt("a", 1));
        assertEquals(5, of("a", 5L).positiveInt("a", 1));
        assertEquals(5, of("a", 5.0).positiveInt("a", 1));
        assertEquals(5, of("a", " 5 ").positiveInt("a", 1));
        assertEquals(8388608, of("a", "8_388_608").positiveInt("a", 1));
        assertEquals(7, of().positiveInt("a", 7));
        assertEquals(7, of("a", "  ").positiveInt("a", 7));
        assertEquals("owner: option 'a' must be a positive integer, got 'abc'", message(() -> of("a", "abc").positiveInt("a", 1)));
        assertEquals("owner: option 'a' must be a positive integer, got '-1'", message(() -> of("a", -1).positiveInt("a", 1)));
        assertEquals("owner: option 'a' must be a positive integer, got '1.5'", message(() -> of("a", 1.5).positiveInt("a", 1)));
        assertEquals("owner: option 'a' must be a positive integer, got '3000000000'", message(() -> of("a", "3000000000").positiveInt("a", 1)));
        assertEquals("owner: option 'a' must be an integer from 1 to 9, got '0'", message(() -> of("a", "0").intInRange("a", 5, 1, 9)));
        assertEquals("owner: option 'b' is required (a positive integer)", message(() -> of().requiredPositiveInt("b")));
    }

    @Test
    public void parsesBooleansLeniently() {
        for (Object yes : new Object[] {true, "true", "TRUE", "yes", "on", "1", " True "}) {
            assertTrue(String.valueOf(yes), of("a", yes).bool("a", false));
        }
        for (Object no : new Object[] {false, "false", "No", "off", "0"}) {
            assertFalse(String.valueOf(no), of("a", no).bool("a", true));
        }
        assertTrue(of().bool("a", true));
        assertEquals("owner: option 'a' must be true or false, got 'maybe'", message(() -> of("a", "maybe").bool("a", false)));
    }

    @Test
    public void parsesSingleBytesAsCharactersOrEscapes() {
        assertEquals('\n', of().singleByte("a", (byte) '\n'));
        assertEquals('|', of("a", "|").singleByte("a", (byte) 0));
        assertEquals(' ', of("a", " ").singleByte("a", (byte) 0));
        assertEquals('\t', of("a", "\t").singleByte("a", (byte) 0));
        assertEquals('\t', of("a", "\\t").singleByte("a", (byte) 0));
        assertEquals('\r', of("a", "\\r").singleByte("a", (byte) 0));
        assertEquals(0, of("a", "\\0").singleByte("a", (byte) 1));
        assertEquals('\\', of("a", "\\\\").singleByte("a", (byte) 0));
        assertEquals((byte) 0xfe, of("a", "\\xFE").singleByte("a", (byte) 0));
        assertEquals(30, of("a", 30).singleByte("a", (byte) 0));
        for (Object bad : new Object[] {"ab", "\\q", "\\x1", "\\xzz", "é", 256}) {
            assertTrue(String.valueOf(bad), message(() -> of("a", bad).singleByte("a", (byte) 0)).startsWith("owner: option 'a' must be a single byte"));
        }
        assertEquals("owner: option 'a' must be a single ASCII character, got '\\xfe'", message(() -> of("a", "\\xfe").singleChar("a", ',')));
    }

    @Test
    public void choicesIgnoreCaseAndNameTheAlternatives() {
        assertEquals("gzip", of("a", "GZip").choice("a", null, "gzip", "zstd"));
        assertEquals("zstd", of().choice("a", "zstd", "gzip", "zstd"));
        assertEquals("owner: option 'a' must be one of gzip, zstd, got 'rar'", message(() -> of("a", "rar").choice("a", null, "gzip", "zstd")));
        assertEquals("owner: option 'a' is required (one of gzip, zstd)", message(() -> of().choice("a", null, "gzip", "zstd")));
    }

    @Test
    public void rejectsUnknownOptionsAndShowsControlCharacters() {
        assertEquals("owner: unknown option 'c' (known options: a, b)", message(() -> of("c", 1)));
        assertEquals("x: unknown option 'c' (it takes no options)", message(() -> Options.of("x", Map.of("c", 1))));
        Options.of("x", null);
        assertEquals("owner: option 'a' must be true or false, got 'line\\nbreak'", message(() -> of("a", "line\nbreak").bool("a", false)));
    }
}
