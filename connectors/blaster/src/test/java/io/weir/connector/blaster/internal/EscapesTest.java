package io.weir.connector.blaster.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class EscapesTest {

    @Test
    public void understandsTheEscapes() {
        assertArrayEquals(new byte[] {'\n'}, Escapes.unescape("\\n"));
        assertArrayEquals(new byte[] {'\r', '\n'}, Escapes.unescape("\\r\\n"));
        assertArrayEquals(new byte[] {'a', '\t', 0, '\\', (byte) 0xfe, 'z'}, Escapes.unescape("a\\t\\0\\\\\\xFEz"));
    }

    @Test
    public void takesEverythingElseAsUtf8() {
        // A .cfg file has already turned its escapes into characters.
        assertArrayEquals("\n".getBytes(StandardCharsets.UTF_8), Escapes.unescape("\n"));
        assertArrayEquals("§|".getBytes(StandardCharsets.UTF_8), Escapes.unescape("§|"));
    }

    @Test
    public void rejectsBrokenEscapes() {
        for (String bad : new String[] {"\\q", "ab\\", "\\x4", "\\xZZ"}) {
            try {
                Escapes.unescape(bad);
                fail(bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(bad));
            }
        }
    }
}
