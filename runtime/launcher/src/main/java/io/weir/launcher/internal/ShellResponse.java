package io.weir.launcher.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the shell server's answer: the command's output, a NUL byte, then the decimal exit status up to EOF.
 * The output is copied byte for byte as it arrives, so long-running commands show progress.
 */
public final class ShellResponse {
    private ShellResponse() {
    }

    /**
     * Copies the output to {@code out} and returns the exit status (0-255).
     *
     * @throws ShellProtocolException when the stream ends before the NUL byte or the status is not a number 0-255
     */
    public static int copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                out.flush();
                throw new ShellProtocolException("the connection closed before the command finished");
            }
            int nul = indexOfNul(buffer, n);
            if (nul < 0) {
                out.write(buffer, 0, n);
                out.flush();
                continue;
            }
            out.write(buffer, 0, nul);
            out.flush();
            ByteArrayOutputStream status = new ByteArrayOutputStream();
            status.write(buffer, nul + 1, n - nul - 1);
            in.transferTo(status);
            return parseStatus(status.toString(StandardCharsets.US_ASCII));
        }
    }

    private static int indexOfNul(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static int parseStatus(String text) throws ShellProtocolException {
        String trimmed = text.strip();
        try {
            int status = Integer.parseInt(trimmed);
            if (status >= 0 && status <= 255) {
                return status;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ShellProtocolException("the server sent '" + trimmed + "' where an exit status (0-255) belongs");
    }

    /** The server broke the protocol. */
    public static final class ShellProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        public ShellProtocolException(String message) {
            super(message);
        }
    }
}
