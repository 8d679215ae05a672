package io.weir.connector.file.internal.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A file that is appended to through a buffer and rotated by size and/or age: the file is renamed to
 * {@code <name>.<UTC timestamp>} and a new one is started; the oldest rotated files beyond
 * {@code keep} are deleted. A record is never split between two files.
 */
final class RotatingFile {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path path;
    private final long maxBytes;
    private final long intervalMillis;
    private final int keep;
    private final boolean fsync;
    private final LongSupplier clock;
    private final ByteBuffer buffer;
    private final Pattern rotatedName;
    private FileChannel channel;
    /** Bytes in the file plus bytes in the buffer. */
    private long size;
    private long openedAt;

    /**
     * @param path           the file
     * @param maxBytes       rotate before a record would take the file beyond this; 0: never
     * @param intervalMillis rotate once the file has been open this long; 0: never
     * @param keep           rotated files kept; 0: all
     * @param fsync          force to the disk at every flush
     * @param bufferBytes    size of the write buffer
     * @param clock          wall-clock milliseconds, for ages and names
     */
    RotatingFile(Path path, long maxBytes, long intervalMillis, int keep, boolean fsync, int bufferBytes,
            LongSupplier clock) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.intervalMillis = intervalMillis;
        this.keep = keep;
        this.fsync = fsync;
        this.clock = clock;
        // Direct: the channel writes it as it is, without copying it into a temporary direct buffer first.
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
        this.rotatedName = Pattern.compile(Pattern.quote(path.getFileName().toString())
                + "\\.\\d{8}T\\d{6}\\.\\d{3}Z(-\\d+)?");
    }

    /** Opens (creates) the file for appending. */
    void open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        openedAt = clock.getAsLong();
    }

    /**
     * Appends one record, rotating first when it would not fit or the file is old enough.
     *
     * @param frames the record's frames, written one after the other
     */
    void append(List<byte[]> frames) throws IOException {
        long length = 0;
        for (byte[] frame : frames) {
            length += frame.length;
        }
        if (dueForRotation(length)) {
            rotate();
        }
        for (byte[] frame : frames) {
            write(frame);
        }
        size += length;
    }

    private void write(byte[] frame) throws IOException {
        if (frame.length > buffer.remaining()) {
            drain();
            if (frame.length >= buffer.capacity()) {
                writeFully(ByteBuffer.wrap(frame));
                return;
            }
        }
        buffer.put(frame);
    }

    /** Writes the buffer to the file, forcing it to the disk with fsync, and rotates an old file. */
    void flush() throws IOException {
        drain();
        if (fsync) {
            channel.force(false);
        }
        if (dueForRotation(0)) {
            rotate();
        }
    }

    private boolean dueForRotation(long incoming) {
        if (size == 0) {
            // Nothing to rotate away; an age counts from the first record.
            openedAt = clock.getAsLong();
            return false;
        }
        if (maxBytes > 0 && size + incoming > maxBytes) {
            return true;
        }
        return intervalMillis > 0 && clock.getAsLong() - openedAt >= intervalMillis;
    }

    private void rotate() throws IOException {
        drain();
        if (fsync) {
            channel.force(false);
        }
        channel.close();
        channel = null;
        Files.move(path, rotatedPath());
        open();
        prune();
    }

    private Path rotatedPath() {
        String base = path.getFileName() + "." + STAMP.format(Instant.ofEpochMilli(clock.getAsLong()));
        Path target = path.resolveSibling(base);
        for (int n = 1; Files.exists(target); n++) {
            target = path.resolveSibling(base + "-" + n);
        }
        return target;
    }

    private void prune() throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Path> rotated = rotatedFiles();
        for (int i = 0; i < rotated.size() - keep; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    /** @return the rotated files of this file, oldest first */
    List<Path> rotatedFiles() throws IOException {
        List<Path> rotated = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path.toAbsolutePath().getParent())) {
            entries.filter(p -> rotatedName.matcher(p.getFileName().toString()).matches()).forEach(rotated::add);
        }
        Collections.sort(rotated);
        return rotated;
    }

    private void drain() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Writes what is buffered and closes the file. */
    void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            drain();
            if (fsync) {
                channel.force(false);
            }
        } finally {
            channel.close();
            channel = null;
        }
    }
}
