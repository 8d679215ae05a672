package io.weir.benchmarks.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Counts the lines of a file that is being written, reading only what was added since the last look. */
final class FileTail implements AutoCloseable {
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
            for (int i = 0; i < read; i++) {
                if (buffer.get(i) == '\n') {
                    lines++;
                }
            }
        }
        return lines;
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
