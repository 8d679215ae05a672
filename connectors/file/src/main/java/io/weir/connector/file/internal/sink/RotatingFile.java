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
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A file that is appended to through a buffer and rotated by size and/or age: the file is renamed to
 * {@code <name>.<UTC timestamp>[-n]} and a new one is started; the oldest rotated files beyond
 * {@code keep} are deleted. A record is never split between two files.
 *
 * <p>A rotated file is never named before the newest one there is: rotations within one millisecond, or after the
 * clock stepped back, take the newest stamp with the next {@code -n}, so that the oldest name is always the oldest
 * data and pruning never deletes the newest.
 */
final class RotatingFile {
    private static final System.Logger LOG = System.getLogger(RotatingFile.class.getName());
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Oldest first: by stamp (fixed width, so as text), then by {@code -n} as a number. */
    private static final Comparator<Rotated> OLDEST_FIRST =
            Comparator.comparing(Rotated::stamp).thenComparingLong(Rotated::n);

    /** How the file is opened; tests put a failing channel in its place. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path path) throws IOException;
    }

    private record Rotated(Path path, String stamp, long n) {
    }

    private final Path path;
    private final long maxBytes;
    private final long intervalMillis;
    private final int keep;
    private final boolean fsync;
    private final LongSupplier clock;
    private final ByteBuffer buffer;
    private final Pattern rotatedName;
    private final Opener opener;
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
        this(path, maxBytes, intervalMillis, keep, fsync, bufferBytes, clock, file -> FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** As the other constructor, with the file opened by {@code opener}. */
    RotatingFile(Path path, long maxBytes, long intervalMillis, int keep, boolean fsync, int bufferBytes,
            LongSupplier clock, Opener opener) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.intervalMillis = intervalMillis;
        this.keep = keep;
        this.fsync = fsync;
        this.clock = clock;
        // Direct: the channel writes it as it is, without copying it into a temporary direct buffer first.
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
        this.rotatedName = Pattern.compile(Pattern.quote(path.getFileName().toString())
                + "\\.(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d{1,18}))?");
        this.opener = opener;
    }

    /** Opens (creates) the file for appending. */
    void open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = opener.open(path);
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
        // Named first: a failure to list the folder leaves the file open as it was.
        Path target = rotatedPath();
        drain();
        if (fsync) {
            channel.force(false);
        }
        channel.close();
        channel = null;
        Files.move(path, target);
        open();
        prune();
    }

    private Path rotatedPath() throws IOException {
        String stamp = STAMP.format(Instant.ofEpochMilli(clock.getAsLong()));
        long n = 0;
        List<Rotated> rotated = rotated();
        if (!rotated.isEmpty()) {
            Rotated newest = rotated.get(rotated.size() - 1);
            if (stamp.compareTo(newest.stamp()) <= 0) {
                stamp = newest.stamp();
                n = newest.n() + 1;
            }
        }
        Path target = rotatedPath(stamp, n);
        while (Files.exists(target)) {
            // A file of that name the pattern does not list (a folder, say): the next number.
            target = rotatedPath(stamp, ++n);
        }
        return target;
    }

    private Path rotatedPath(String stamp, long n) {
        return path.resolveSibling(path.getFileName() + "." + stamp + (n == 0 ? "" : "-" + n));
    }

    /** Deletes the oldest rotated files beyond {@code keep}; one that cannot be deleted is logged, not thrown. */
    private void prune() throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Path> rotated = rotatedFiles();
        for (int i = 0; i < rotated.size() - keep; i++) {
            try {
                Files.deleteIfExists(rotated.get(i));
            } catch (IOException e) {
                // The rotation itself succeeded: failing the batch for this would only write it twice.
                LOG.log(System.Logger.Level.WARNING, "cannot delete the rotated file {0} (rotate.keep = {1}): {2}",
                        rotated.get(i), keep, e.toString());
            }
        }
    }

    /** @return the rotated files of this file, oldest first */
    List<Path> rotatedFiles() throws IOException {
        return rotated().stream().map(Rotated::path).toList();
    }

    private List<Rotated> rotated() throws IOException {
        List<Rotated> rotated = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path.toAbsolutePath().getParent())) {
            entries.forEach(p -> {
                Matcher name = rotatedName.matcher(p.getFileName().toString());
                if (name.matches()) {
                    rotated.add(new Rotated(p, name.group(1), name.group(2) == null ? 0 : Long.parseLong(name.group(2))));
                }
            });
        }
        rotated.sort(OLDEST_FIRST);
        return rotated;
    }

    private void drain() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            try {
                writeFully(buffer);
            } finally {
                // Also after a failed write: what is left belongs to the batch that fails with it and comes again;
                // draining it at close would write its first part twice.
                buffer.clear();
            }
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
