package io.weir.benchmarks.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the last complete line of a file that is being written. It shares the machine with the server it measures,
 * so a look reads only the file's last {@value #TAIL_BYTES} bytes: counting every line as it came (the first way)
 * read the whole output once more and took 0.06 of the two cores from scenario 1's server.
 */
final class FileTail implements AutoCloseable {
    /**
     * The bytes read from the file's end. In a longer file the longest last line it finds is two bytes shorter: the
     * newlines before and after it must be among them.
     */
    static final int TAIL_BYTES = 4096;

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(TAIL_BYTES);
    private FileChannel channel;

    /** @param file the file; it may not exist yet */
    FileTail(Path file) {
        this.file = file;
    }

    /**
     * @return the file's last complete line, without its newline; null while the file has none (or does not exist)
     * @throws IOException when the file cannot be read, or its last line is longer than it reads
     */
    String lastLine() throws IOException {
        if (channel == null) {
            if (!Files.exists(file)) {
                return null;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        long size = channel.size();
        long from = Math.max(0, size - TAIL_BYTES);
        buffer.clear().limit((int) (size - from));
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
            // Read until the end seen above.
        }
        if (buffer.hasRemaining()) {
            // Cut shorter since its size was read: nothing to say about it until the next look.
            return null;
        }
        byte[] tail = buffer.array();
        int end = buffer.position() - 1;
        while (end >= 0 && tail[end] != '\n') {
            end--;
        }
        int start = end - 1;
        while (start >= 0 && tail[start] != '\n') {
            start--;
        }
        if (end < 0 && from == 0) {
            return null;
        }
        if (start < 0 && from > 0) {
            throw new IOException("the last line of " + file + " is longer than the " + TAIL_BYTES + " bytes read");
        }
        return new String(tail, start + 1, end - start - 1, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
