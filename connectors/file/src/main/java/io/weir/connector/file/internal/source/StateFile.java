package io.weir.connector.file.internal.source;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The file a file source keeps its committed offsets in, so that a restart resumes where the last
 * acknowledged record ended. A small properties file, replaced atomically (written beside it,
 * forced to disk, renamed over it), so a crash leaves either the old or the new content.
 *
 * <p>{@code path}, the configured path the offsets were read for, was added later: a file without it is still
 * read (its path is null), and older versions ignore it.
 */
final class StateFile {
    /** The most files a state file may list: a bound against a corrupt file, not a limit on what is saved. */
    static final int MAX_FILES = (1 << 24) + 1;

    private final Path path;

    /** @param path the state file */
    StateFile(Path path) {
        this.path = path;
    }

    /** @return the state file */
    Path path() {
        return path;
    }

    /**
     * @return the saved state; {@link SavedState#NONE} when there is no state file yet
     * @throws IOException when the file cannot be read or is not a state file, naming it
     */
    SavedState load() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return SavedState.NONE;
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        List<SavedFile> files = new ArrayList<>();
        // A bound against a corrupt file only: far more files than a source keeps open.
        int count = number(properties, "files", 0, MAX_FILES);
        for (int i = 0; i < count; i++) {
            String key = properties.getProperty("file." + i + ".key");
            String file = properties.getProperty("file." + i + ".path");
            if (key == null || file == null) {
                throw new IOException("state file " + path + ": file." + i + ".key or file." + i + ".path is missing");
            }
            long offset = number(properties, "file." + i + ".offset", 0, UnitTracker.OFFSET_MASK);
            files.add(new SavedFile(key, file, offset));
        }
        return new SavedState(properties.getProperty("path"), files);
    }

    /**
     * Replaces the state file with the given offsets.
     *
     * @param state the configured path and the files to resume
     * @throws IOException when it cannot be written
     */
    void store(SavedState state) throws IOException {
        List<SavedFile> files = state.files();
        StringBuilder text = new StringBuilder("# Weir file source: committed offsets, rewritten while it runs.\n");
        if (state.path() != null) {
            text.append(line("path", state.path()));
        }
        text.append("files=").append(files.size()).append('\n');
        for (int i = 0; i < files.size(); i++) {
            SavedFile file = files.get(i);
            text.append(line("file." + i + ".key", file.key()));
            text.append(line("file." + i + ".path", file.path()));
            text.append("file.").append(i).append(".offset=").append(file.offset()).append('\n');
        }
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One escaped properties line: keys and paths may hold any character. */
    private static String line(String key, String value) throws IOException {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter out = new StringWriter();
        one.store(out, null);
        StringBuilder line = new StringBuilder();
        for (String l : out.toString().split("\\R")) {
            if (!l.isEmpty() && !l.startsWith("#")) {
                line.append(l).append('\n');
            }
        }
        return line.toString();
    }

    private int number(Properties properties, String key, int min, int max) throws IOException {
        return (int) number(properties, key, min, (long) max);
    }

    private long number(Properties properties, String key, long min, long max) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException("state file " + path + ": " + key + " is missing");
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                throw new IOException("state file " + path + ": " + key + " out of range: " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("state file " + path + ": " + key + " is not a number: '" + value + "'");
        }
    }
}
