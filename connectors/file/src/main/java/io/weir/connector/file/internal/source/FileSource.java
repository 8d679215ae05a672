package io.weir.connector.file.internal.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;
import io.weir.connector.support.internal.config.ConfigReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The file source: reads a file whole or follows it across rotation and truncation, one stream per
 * file, and commits the offset after the last acknowledged record to a state file so that a
 * restart resumes there (at-least-once). It owns no thread: {@link #pull} reads and polls.
 *
 * <p>Rotation: when the name points at a different file (another device/inode), the old file is read
 * to its end, its last bytes are handed on and its stream ends; the new file starts a new stream
 * at offset 0. The old file stays open until its records are all acknowledged, so a failed record
 * can be read again. Truncation (the file is shorter than what was read): the bytes read are handed
 * on, the stream ends, and the file is read again from 0 as a new stream.
 *
 * <p>Data lost to the outside world and state that cannot be saved are counted errors (see
 * {@code SourceContext.error}): {@value #TRUNCATED} (a file shorter than what was read or saved),
 * {@value #ROTATED_GONE} (a rotated file deleted before it was read to its end) and
 * {@value #STATE_FILE} (the offsets could not be written).
 *
 * <p>Hot swap: the state handed to the next instance (and kept across a close for this one) holds, per open
 * file, the stream id, the offset after the bytes handed on and the units in flight. The next instance
 * continues each stream there ({@code SourceContext.continueStream}), so what the runtime's splitter holds
 * of a record is completed and nothing in flight is read twice; where the runtime refuses (it ended the
 * stream), it reads again from the committed offset as a new stream, as after a restart.
 *
 * <p>The saved state records the configured path. Offsets saved for another path (the option changed) are
 * dropped, except that of the file the new name holds, if it is among them: they belong to the old file and its
 * rotations, which are no business of the new name.
 */
@Component(service = Source.class, configurationPid = FileSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + FileSource.TYPE)
@Designate(ocd = FileSourceConfig.class, factory = true)
public final class FileSource implements Source {
    static final String TYPE = "file";
    static final String PID = "weir.source." + TYPE;
    private static final System.Logger LOG = System.getLogger(FileSource.class.getName());
    private static final long BLOCKED_WARNING_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Counted error: a file was truncated, what it held beyond its new size was not all read. */
    static final String TRUNCATED = "truncated";
    /** Counted error: a rotated file disappeared before it was read to its end. */
    static final String ROTATED_GONE = "rotated_gone";
    /** Counted error: the state file could not be written. */
    static final String STATE_FILE = "state_file";

    private final Path path;
    private final boolean follow;
    private final boolean fromEnd;
    private final int delimiter;
    private final int chunk;
    private final int maxInFlight;
    private final StateFile stateFile;
    private final long commitIntervalNanos;
    private final long pollMillis;

    /** Open files, oldest first; the last one is {@link #current} when that is not null. */
    private final List<FileStream> streams = new ArrayList<>();
    /** The same files by stream id, for outcomes that arrive on other threads. */
    private final Map<Long, FileStream> byId = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private FileStream current;
    private String name = TYPE;
    private SourceContext context;
    private long nextStream;
    private boolean started;
    /** Where to resume when opened again after a failure: the state at the last close. */
    private SavedState resume = SavedState.NONE;
    /** The streams to continue when opened again, by file key (see {@link FileStream#continuation()}). */
    private Map<String, Map<String, Object>> resumeStreams = Map.of();
    /** What the state file holds as far as this instance knows; null when it does not know. */
    private SavedState persisted;
    private long lastPersistNanos;
    private String lastPersistError;
    private long blockedSinceNanos;
    private boolean blockedWarned;
    private boolean waitingForFile;

    @Activate
    public FileSource(FileSourceConfig config) {
        ConfigReader options = new ConfigReader("file source");
        this.path = Path.of(options.required("path", config::path)).toAbsolutePath().normalize();
        this.follow = options.oneOf("mode", config::mode, "follow", "read").equals("follow");
        this.fromEnd = options.oneOf("from", config::from, "beginning", "end").equals("end");
        this.delimiter = delimiter(options, options.read("delimiter", config::delimiter));
        this.chunk = (int) options.range("chunk_bytes", config::chunk__bytes, 16, 64 << 20);
        this.maxInFlight = (int) options.range("max_in_flight", config::max__in__flight, 1, 1 << 24);
        String state = options.read("state_file", config::state__file);
        if (state == null || state.isBlank()) {
            this.stateFile = new StateFile(path.resolveSibling(path.getFileName() + ".weir-offset"));
        } else if (state.trim().equalsIgnoreCase("none")) {
            this.stateFile = null;
        } else {
            this.stateFile = new StateFile(Path.of(state.trim()).toAbsolutePath().normalize());
        }
        this.commitIntervalNanos = TimeUnit.MILLISECONDS.toNanos(
                options.range("commit_interval_ms", config::commit__interval__ms, 0, TimeUnit.DAYS.toMillis(1)));
        this.pollMillis = options.range("poll_interval_ms", config::poll__interval__ms, 1, TimeUnit.HOURS.toMillis(1));
    }

    private static int delimiter(ConfigReader options, String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        switch (value) {
            case "\\n":
                return '\n';
            case "\\r":
                return '\r';
            case "\\t":
                return '\t';
            case "\\0":
                return 0;
            default:
                if (value.length() == 1 && value.charAt(0) < 0x80) {
                    return value.charAt(0);
                }
                throw options.invalid("delimiter", "must be one ASCII character (or \\n, \\r, \\t, \\0) or empty, got '"
                        + value + "'");
        }
    }

    @Override
    public void open(SourceContext context) throws Exception {
        name = context.name();
        this.context = context;
        SavedState from;
        Map<String, Map<String, Object>> continuing = Map.of();
        if (!started) {
            Map<String, Object> restored = context.restoredState();
            if (!restored.isEmpty()) {
                from = SavedState.fromSnapshot(restored);
                continuing = continuationsFrom(restored.get("streams"));
                if (restored.get("next_stream") instanceof Number n) {
                    nextStream = n.longValue();
                }
                // What the predecessor last wrote is not known here: the state is written once it is open.
                persisted = null;
            } else {
                from = stateFile == null ? SavedState.NONE : stateFile.load();
                persisted = from;
            }
            started = true;
        } else {
            from = resume;
            continuing = resumeStreams;
        }
        // A failed open is retried from the same offsets; it must not save the half it opened.
        resume = from;
        resumeStreams = continuing;
        try {
            resumeFrom(from, continuing, context);
        } catch (IOException | RuntimeException e) {
            for (FileStream stream : List.copyOf(streams)) {
                forget(stream);
            }
            current = null;
            throw e;
        }
        // Written at once when it differs from the file: a start from the end, or from 0 after a truncation, must
        // hold after a crash or a restart before the first acknowledgement.
        persist(true);
        lastPersistNanos = System.nanoTime();
    }

    private static Map<String, Map<String, Object>> continuationsFrom(Object value) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("key") instanceof String key) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    map.forEach((k, v) -> entry.put(String.valueOf(k), v));
                    byKey.put(key, entry);
                }
            }
        }
        return byKey;
    }

    /** Opens the files to resume, oldest first, then the file under the configured name. */
    private void resumeFrom(SavedState state, Map<String, Map<String, Object>> continuing,
            SourceContext context) throws IOException {
        BasicFileAttributes named = attributes(path);
        if (named != null && named.isDirectory()) {
            throw new IOException("file source " + name + ": " + path + " is a directory");
        }
        String namedKey = named == null ? null : key(named);
        List<SavedFile> saved = state.readFor(path.toString()) ? state.files() : sameFileOnly(state, namedKey);
        long namedOffset = -1;
        for (SavedFile file : saved) {
            if (file.key().equals(namedKey)) {
                namedOffset = file.offset();
            } else if (follow) {
                resumeRotated(file, continuing.get(file.key()), context);
            }
        }
        if (named == null) {
            if (!follow) {
                throw new NoSuchFileException(path.toString(), null, "file source " + name + ": the file does not exist");
            }
            waitingForFile = true;
            LOG.log(System.Logger.Level.INFO, "file source {0}: waiting for {1} to appear", name, path);
            return;
        }
        long offset;
        if (namedOffset >= 0) {
            offset = namedOffset;
            if (named.size() < offset) {
                context.error(TRUNCATED, path + " is shorter (" + named.size() + " bytes) than the saved offset "
                        + offset + ": it was truncated while stopped, reading it from the start");
                offset = 0;
            }
        } else {
            // A file the state does not know: new since the last run, or a first start.
            offset = saved.isEmpty() && follow && fromEnd ? named.size() : 0;
        }
        current = namedOffset >= 0 && offset == namedOffset
                ? continueOrOpen(path, namedKey, offset, named.size(), continuing.get(namedKey), context)
                : openStream(path, namedKey, offset);
        if (!follow) {
            current.finishAtEnd();
        }
    }

    /**
     * Keeps of the offsets saved for another path (the option changed) only the file the configured name holds now,
     * if it is among them. The others are the old path's file and its rotations, not files rotated away from this
     * name: resumed, they would be read on into the new path's data, and keep {@code from} from applying.
     */
    private List<SavedFile> sameFileOnly(SavedState state, String namedKey) {
        String previous = state.path() == null ? "another path" : state.path();
        List<SavedFile> kept = new ArrayList<>(1);
        for (SavedFile file : state.files()) {
            if (file.key().equals(namedKey)) {
                kept.add(file);
            } else {
                LOG.log(System.Logger.Level.INFO, "file source {0}: the saved offsets were read for {1}, the path is "
                        + "now {2}; dropping the offset {3} of {4}", name, previous, path, file.offset(), file.path());
            }
        }
        return kept;
    }

    /**
     * Continues the predecessor's stream of a file where it stopped handing bytes on, when the runtime still
     * holds that stream (or the predecessor had ended it); otherwise reads the file again from the committed
     * offset as a new stream.
     */
    private FileStream continueOrOpen(Path file, String key, long committed, long size, Map<String, Object> previous,
            SourceContext context) throws IOException {
        if (previous != null && previous.get("stream") instanceof Number stream
                && previous.get("read") instanceof Number read && read.longValue() <= size) {
            UnitTracker tracker = UnitTracker.restore(previous.get("tracker"), maxInFlight);
            boolean ended = Boolean.TRUE.equals(previous.get("ended"));
            if (tracker != null && tracker.committed() == committed
                    && (ended || context.continueStream(stream.longValue()))) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                FileStream continued = new FileStream(stream.longValue(), file, key, channel, tracker,
                        read.longValue(), ended, delimiter, chunk);
                streams.add(continued);
                byId.put(continued.id, continued);
                nextStream = Math.max(nextStream, continued.id + 1);
                return continued;
            }
        }
        return openStream(file, key, committed);
    }

    /** Finds a file rotated away while the source was stopped, and reads the rest of it first. */
    private void resumeRotated(SavedFile file, Map<String, Object> previous, SourceContext context)
            throws IOException {
        Path found = locate(file);
        if (found == null) {
            context.error(ROTATED_GONE, file.path() + " (file " + file.key() + ") was rotated away and is gone; "
                    + "what it held after offset " + file.offset() + " was not read");
            return;
        }
        BasicFileAttributes attributes = attributes(found);
        if (attributes == null || attributes.size() < file.offset()) {
            context.error(TRUNCATED, "rotated file " + found + " is shorter than the saved offset " + file.offset()
                    + "; skipped");
            return;
        }
        FileStream stream = continueOrOpen(found, file.key(), file.offset(), attributes.size(), previous, context);
        stream.finishAtEnd();
    }

    private Path locate(SavedFile file) {
        Path last = Path.of(file.path());
        BasicFileAttributes attributes = attributes(last);
        if (attributes != null && file.key().equals(key(attributes))) {
            return last;
        }
        Path directory = path.getParent();
        if (directory == null) {
            return null;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> {
                BasicFileAttributes a = attributes(p);
                return a != null && a.isRegularFile() && file.key().equals(key(a));
            }).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private FileStream openStream(Path file, String key, long offset) throws IOException {
        return register(file, key, FileChannel.open(file, StandardOpenOption.READ), offset);
    }

    private FileStream register(Path file, String key, FileChannel channel, long offset) {
        FileStream stream = new FileStream(nextStream++, file, key, channel, offset, delimiter, chunk, maxInFlight);
        streams.add(stream);
        byId.put(stream.id, stream);
        return stream;
    }

    /**
     * Opens the file under the configured name from its start, when it is still the file {@code key} names. When
     * the name changed between the look and the open (rotated again), the channel may hold either file: it is
     * closed, the file {@code key} names is read to its end from wherever it went, and the next poll opens what the
     * name holds then. Read under the wrong key, the new file would be read twice and the old one's tail lost.
     *
     * @return the stream, or null when the name changed meanwhile
     */
    private FileStream openNamed(String key) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            // Renamed away and not created again yet.
            channel = null;
        }
        if (channel != null) {
            BasicFileAttributes now = attributes(path);
            if (now != null && key.equals(key(now))) {
                return register(path, key, channel, 0);
            }
            channel.close();
        }
        Path moved = locate(new SavedFile(key, path.toString(), 0));
        if (moved != null) {
            try {
                openStream(moved, key, 0).finishAtEnd();
            } catch (NoSuchFileException e) {
                // Deleted as well by now: nothing of it is left to read.
            }
        }
        return null;
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        long budget = (long) chunk * 16;
        while (true) {
            int units = 0;
            boolean blocked = false;
            for (FileStream stream : List.copyOf(streams)) {
                units += stream.pump(output, budget);
                blocked |= stream.blocked();
            }
            boolean changed = follow && followName(output);
            dropSettled();
            persist(false);
            if (units > 0) {
                return true;
            }
            if (!follow && (current == null || current.ended() && current.tracker.settled())) {
                // Read whole and every record acknowledged; the state keeps the offset at the end.
                persist(true);
                return false;
            }
            if (changed) {
                continue;
            }
            blockedWarning(blocked);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                synchronized (signal) {
                    signal.wait(Math.max(1, Math.min(pollMillis, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            } catch (InterruptedException e) {
                // The manager wants its thread back: leave the flag for it.
                Thread.currentThread().interrupt();
                return true;
            }
        }
    }

    /**
     * Checks the name at the end of the current file: a new file under it (rotation), a shorter
     * file (truncation), or a file appearing.
     *
     * @return whether a new stream was opened
     */
    private boolean followName(SourceOutput output) throws IOException {
        if (current != null && !current.atEnd()) {
            return false;
        }
        BasicFileAttributes named = attributes(path);
        if (named == null || !named.isRegularFile()) {
            // Rotated away and not created again yet: the old file may still grow meanwhile.
            return false;
        }
        String key = key(named);
        if (current == null) {
            if (waitingForFile) {
                LOG.log(System.Logger.Level.INFO, "file source {0}: {1} appeared", name, path);
                waitingForFile = false;
            }
            current = openNamed(key);
            return current != null;
        }
        if (!key.equals(current.key)) {
            LOG.log(System.Logger.Level.INFO, "file source {0}: {1} was rotated; finishing the old file, reading "
                    + "the new one", name, path);
            current.finishAtEnd();
            // Null when rotated again meanwhile: the next poll opens what is there then.
            current = openNamed(key);
            return true;
        }
        if (named.size() < current.readOffset()) {
            context.error(TRUNCATED, path + " was truncated to " + named.size() + " bytes after "
                    + current.readOffset() + " had been read; reading it again from the start");
            current.finish(output);
            // Its content is gone: records still in flight cannot be read again.
            forget(current);
            current = openNamed(key);
            return true;
        }
        return false;
    }

    /** Closes files rotated away once they ended and every record of them was acknowledged. */
    private void dropSettled() {
        for (FileStream stream : List.copyOf(streams)) {
            if (stream != current && stream.ended() && stream.tracker.settled()) {
                forget(stream);
            }
        }
    }

    private void forget(FileStream stream) {
        streams.remove(stream);
        byId.remove(stream.id);
        stream.close();
    }

    private void blockedWarning(boolean blocked) {
        if (!blocked) {
            blockedSinceNanos = 0;
            blockedWarned = false;
            return;
        }
        long now = System.nanoTime();
        if (blockedSinceNanos == 0) {
            blockedSinceNanos = now;
        } else if (!blockedWarned && now - blockedSinceNanos > BLOCKED_WARNING_NANOS) {
            blockedWarned = true;
            LOG.log(System.Logger.Level.WARNING, "file source {0}: {1} records wait for their acknowledgement "
                    + "(max_in_flight) and none came for 30 s; reading waits. A preprocessor that drops records "
                    + "without an event (remove-empty) keeps records from ever being acknowledged.", name,
                    maxInFlight);
        }
    }

    /** Writes the state file when the committed offsets moved and the interval passed, or when forced. */
    private void persist(boolean force) {
        if (stateFile == null) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastPersistNanos < commitIntervalNanos) {
            return;
        }
        SavedState state = savedState();
        if (state.equals(persisted)) {
            return;
        }
        try {
            stateFile.store(state);
            persisted = state;
            lastPersistNanos = now;
            if (lastPersistError != null) {
                LOG.log(System.Logger.Level.INFO, "file source {0}: state file {1} written again", name,
                        stateFile.path());
                lastPersistError = null;
            }
        } catch (IOException e) {
            lastPersistNanos = now;
            lastPersistError = String.valueOf(e);
            context.error(STATE_FILE, "cannot write state file " + stateFile.path() + "; offsets are not saved, a "
                    + "restart would read more again: " + lastPersistError);
        }
    }

    private SavedState savedState() {
        List<SavedFile> files = new ArrayList<>(streams.size());
        for (FileStream stream : streams) {
            files.add(new SavedFile(stream.key, stream.path.toString(), stream.tracker.committed()));
        }
        return new SavedState(path.toString(), files);
    }

    @Override
    public void ack(long stream, long position) {
        FileStream file = byId.get(stream);
        if (file != null) {
            boolean blocked = file.blocked();
            file.tracker.ack(position);
            if (blocked) {
                wakeUp();
            }
        }
    }

    @Override
    public void fail(long stream, long position) {
        FileStream file = byId.get(stream);
        if (file != null && file.tracker.fail(position)) {
            wakeUp();
        }
    }

    private void wakeUp() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        List<Object> files = new ArrayList<>();
        SavedState saved = savedState();
        for (SavedFile file : saved.files()) {
            files.add(file.toMap());
        }
        Map<String, Object> state = new LinkedHashMap<>(8);
        state.put("path", saved.path());
        state.put("files", files);
        state.put("next_stream", nextStream);
        state.put("streams", continuations());
        return state;
    }

    private List<Object> continuations() {
        List<Object> open = new ArrayList<>(streams.size());
        for (FileStream stream : streams) {
            open.add(stream.continuation());
        }
        return open;
    }

    @Override
    public void close() {
        if (!streams.isEmpty()) {
            resume = savedState();
            resumeStreams = continuationsFrom(continuations());
            persist(true);
        }
        for (FileStream stream : List.copyOf(streams)) {
            forget(stream);
        }
        current = null;
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's identity: device and inode where the file system reports them. */
    private static String key(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return key == null ? "no-file-key" : key.toString();
    }
}
