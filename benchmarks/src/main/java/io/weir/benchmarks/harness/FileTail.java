package io.weir.benchmarks.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the lines of a file that is being written, reading only what was added since the last look. It shares the
 * machine with the server it measures, so it counts eight bytes at a time: a byte-by-byte loop took a tenth of a
 * core from scenario 1's server.
 */
final class FileTail implements AutoCloseable {
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_SEVEN = 0x7f7f7f7f7f7f7f7fL;

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private FileChannel channel;
    private long lines;
    private long bytes;

    /** @param file the file; it may not exist yet */
    FileTail(Path file) {
        this.file = file;
    }

    /**
     * @return the complete lines in the file so far
     * @throws IOException when the file cannot be read
     */
    long lines() throws IOException {
        if (channel == null) {
            if (!Files.exists(file)) {
                return 0;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        int read;
        while ((read = channel.read(buffer.clear())) > 0) {
            bytes += read;
            lines += newlines(buffer, read);
        }
        return lines;
    }

    /** @return the newline bytes among the first {@code length} bytes of the buffer */
    static long newlines(ByteBuffer buffer, int length) {
        long count = 0;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            // A byte of x is zero exactly where a newline was; the high bit of each zero byte ends up set in t.
            long x = buffer.getLong(i) ^ NEWLINES;
            long t = ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
            count += Long.bitCount(t);
        }
        for (; i < length; i++) {
            if (buffer.get(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** @return the bytes read so far */
    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
