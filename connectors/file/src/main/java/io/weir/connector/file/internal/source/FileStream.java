package io.weir.connector.file.internal.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

import io.weir.api.connector.SourceOutput;

/**
 * One file being read as one stream: its channel, the bytes read ahead of the last unit handed on,
 * and the tracker of the units in flight. Hands the file on in units of one record each (up to
 * and including the delimiter) so that every unit becomes one event and its acknowledgement can
 * move the committed offset exactly (see {@link UnitTracker}).
 *
 * <p>Used by the manager thread only; only {@link #tracker} is shared with the threads that
 * deliver outcomes. The channel stays open after the file was rotated away until every unit is
 * acknowledged, so that a failed unit can still be read again.
 */
final class FileStream {
    final long id;
    final Path path;
    final String key;
    final Map<String, Object> meta;
    final UnitTracker tracker;

    private final FileChannel channel;
    private final byte delimiter;
    private final boolean aligned;
    private final byte[] buffer;
    /** File offset of {@code buffer[0]}. */
    private long bufferOffset;
    /** Start of the bytes not handed on yet. */
    private int start;
    /** End of the bytes read. */
    private int length;
    /** Bytes after {@code start} already searched for the delimiter. */
    private int scanned;
    private boolean finishing;
    private boolean ended;
    private boolean atEnd;
    /** Read by threads that deliver outcomes, to wake a reader that waits for room. */
    private volatile boolean blocked;

    /**
     * @param id        the stream id
     * @param path      the name the file was opened by
     * @param key       the file's identity (device and inode where the file system has them)
     * @param channel   the open file
     * @param offset    where to start reading; everything before counts as acknowledged
     * @param delimiter the byte ending each record, or -1 to hand on whole buffers
     * @param chunk     the read size and the longest record handed on in one piece
     * @param maxUnits  units allowed in flight at once
     */
    FileStream(long id, Path path, String key, FileChannel channel, long offset, int delimiter, int chunk,
            int maxUnits) {
        this.id = id;
        this.path = path;
        this.key = key;
        this.meta = Map.of("path", path.toString());
        this.channel = channel;
        this.tracker = new UnitTracker(offset, maxUnits);
        this.delimiter = (byte) delimiter;
        this.aligned = delimiter >= 0;
        this.buffer = new byte[chunk];
        this.bufferOffset = offset;
    }

    /**
     * Continues a stream a predecessor read (a hot swap): same id, same units in flight, reading on after the
     * bytes it handed on.
     *
     * @param id         the stream id the predecessor used
     * @param path       the name the file was opened by
     * @param key        the file's identity
     * @param channel    the open file
     * @param tracker    the predecessor's units in flight
     * @param readOffset the end of the bytes the predecessor handed on
     * @param ended      whether the predecessor had ended the stream (a rotated file read to its end)
     * @param delimiter  the byte ending each record, or -1
     * @param chunk      the read size
     */
    FileStream(long id, Path path, String key, FileChannel channel, UnitTracker tracker, long readOffset,
            boolean ended, int delimiter, int chunk) {
        this.id = id;
        this.path = path;
        this.key = key;
        this.meta = Map.of("path", path.toString());
        this.channel = channel;
        this.tracker = tracker;
        this.delimiter = (byte) delimiter;
        this.aligned = delimiter >= 0;
        this.buffer = new byte[chunk];
        this.bufferOffset = readOffset;
        this.ended = ended;
    }

    /**
     * @return what a successor needs to continue this stream (see the constructor above), as plain data
     */
    Map<String, Object> continuation() {
        Map<String, Object> state = new java.util.LinkedHashMap<>(8);
        state.put("key", key);
        state.put("stream", id);
        state.put("read", bufferOffset + start);
        state.put("ended", ended);
        state.put("tracker", tracker.state());
        return state;
    }

    /**
     * Hands on what can be read now: whole records, a piece of a record longer than the buffer, and
     * at the end of a finishing file its last bytes and the stream end.
     *
     * @param out    where the units go
     * @param budget how many bytes to read from the file at most in this call
     * @return the number of units handed on
     * @throws IOException when the file cannot be read
     */
    int pump(SourceOutput out, long budget) throws IOException {
        long rewind = tracker.takeRewind();
        if (rewind >= 0) {
            rewind(rewind);
        }
        int units = 0;
        while (true) {
            if (units > 0 && out.full()) {
                // The server has no room for more now: what is read stays buffered here for the next pull.
                return units;
            }
            if (!tracker.canEmit()) {
                blocked = true;
                return units;
            }
            blocked = false;
            if (aligned) {
                int at = indexOf(start + scanned, length);
                if (at >= 0) {
                    hand(out, start, at + 1 - start, true);
                    units++;
                    continue;
                }
                scanned = length - start;
            } else if (length > start) {
                hand(out, start, length - start, true);
                units++;
                continue;
            }
            compact();
            if (length == buffer.length) {
                // A record longer than the buffer: it goes on in pieces of one growing unit.
                hand(out, 0, length, false);
                units++;
                compact();
                continue;
            }
            if (budget <= 0) {
                return units;
            }
            int n = channel.read(ByteBuffer.wrap(buffer, length, buffer.length - length), bufferOffset + length);
            if (n <= 0) {
                atEnd = true;
                if (finishing && !ended) {
                    units += finish(out);
                }
                return units;
            }
            atEnd = false;
            length += n;
            budget -= n;
        }
    }

    /**
     * Ends the stream now: hands on the bytes read after the last delimiter as a last record and
     * ends the stream. Used when the file was truncated under us; its content is gone.
     *
     * @return the number of units handed on
     */
    int finish(SourceOutput out) {
        int units = 0;
        if (length > start) {
            hand(out, start, length - start, true);
            units++;
        } else {
            tracker.completeOpen();
        }
        out.streamEnd(id);
        ended = true;
        return units;
    }

    private void hand(SourceOutput out, int from, int count, boolean complete) {
        long token = tracker.emit(bufferOffset + from + count, complete);
        out.data(id, token, buffer, from, count, meta);
        start = from + count;
        scanned = 0;
        ended = false;
    }

    private void rewind(long offset) {
        bufferOffset = offset;
        start = 0;
        length = 0;
        scanned = 0;
        atEnd = false;
        ended = false;
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, length - start);
            bufferOffset += start;
            length -= start;
            start = 0;
        }
    }

    private int indexOf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == delimiter) {
                return i;
            }
        }
        return -1;
    }

    /** Read this file to its end, hand on its last bytes and end the stream (rotated away, or read mode). */
    void finishAtEnd() {
        finishing = true;
    }

    /** @return whether the file must be read to its end and then ended */
    boolean finishing() {
        return finishing;
    }

    /** @return whether the last read found the end of the file */
    boolean atEnd() {
        return atEnd;
    }

    /** @return whether the stream was ended and nothing failed since */
    boolean ended() {
        return ended;
    }

    /** @return whether the last pump stopped because too many units are in flight */
    boolean blocked() {
        return blocked;
    }

    /** @return the offset just after the bytes read from the file */
    long readOffset() {
        return bufferOffset + length;
    }

    /** @return the current size of the file */
    long size() throws IOException {
        return channel.size();
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a file opened for reading loses nothing.
        }
    }
}
