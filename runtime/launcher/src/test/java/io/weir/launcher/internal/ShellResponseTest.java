package io.weir.launcher.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class ShellResponseTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void copiesOutputAndReturnsTheStatus() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ShellResponse.copy(new ByteArrayInputStream(bytes("line one\nzwei – ü\n\0" + "7\n")), out);
        assertEquals(7, status);
        assertEquals("line one\nzwei – ü\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void emptyOutputAndZero() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ShellResponse.copy(new ByteArrayInputStream(bytes("\0" + "0")), out));
        assertEquals(0, out.size());
    }

    @Test
    public void statusMaySpanSeveralReads() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream trickle = new OneByteAtATime(bytes("ok\0" + "12"));
        assertEquals(12, ShellResponse.copy(trickle, out));
        assertArrayEquals(bytes("ok"), out.toByteArray());
    }

    @Test
    public void endBeforeTheNulIsAProtocolError() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ShellResponse.copy(new ByteArrayInputStream(bytes("partial")), out);
            fail("expected a protocol error");
        } catch (ShellResponse.ShellProtocolException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("closed before the command finished"));
        }
        assertEquals("partial", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void badStatusIsAProtocolError() throws IOException {
        for (String status : new String[] {"", "abc", "-1", "256"}) {
            try {
                ShellResponse.copy(new ByteArrayInputStream(bytes("x\0" + status)), new ByteArrayOutputStream());
                fail("expected a protocol error for '" + status + "'");
            } catch (ShellResponse.ShellProtocolException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("exit status"));
            }
        }
    }

    /** Hands out one byte per read, as a slow socket may. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] data;
        private int position;

        OneByteAtATime(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= data.length) {
                return -1;
            }
            b[off] = data[position++];
            return 1;
        }
    }
}
