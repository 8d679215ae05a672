package io.weir.connector.blaster.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.tukaani.xz.XZInputStream;

/**
 * A file held in memory and split into records, each ending with the separator. Record {@code i}
 * is {@code data[start(i) .. start(i) + length(i))}. Immutable once loaded.
 */
final class Records {
    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd};

    private final byte[] data;
    /** starts[i] is where record i begins; starts[count] is the end of the last record. */
    private final int[] starts;

    private Records(byte[] data, int[] starts) {
        this.data = data;
        this.starts = starts;
    }

    /** @return how many records there are */
    int count() {
        return starts.length - 1;
    }

    /** @return the buffer holding every record; never modified */
    byte[] data() {
        return data;
    }

    int start(int record) {
        return starts[record];
    }

    int length(int record) {
        return starts[record + 1] - starts[record];
    }

    /** @return total bytes of all records, separators included */
    int size() {
        return starts[starts.length - 1];
    }

    /**
     * Reads a plain, gzip or xz file whole and splits it.
     *
     * @param file      the file
     * @param separator the bytes ending a record; not empty
     * @param maxBytes  the largest content accepted, after decompression
     * @throws IOException           when the file cannot be read or is corrupt
     * @throws FileTooLargeException when the content exceeds {@code maxBytes}
     */
    static Records load(Path file, byte[] separator, int maxBytes) throws IOException {
        byte[] content;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            raw.mark(8);
            byte[] head = raw.readNBytes(6);
            raw.reset();
            InputStream in;
            if (startsWith(head, GZIP_MAGIC)) {
                in = new GZIPInputStream(raw, 64 * 1024);
            } else if (startsWith(head, XZ_MAGIC)) {
                in = new XZInputStream(raw);
            } else if (startsWith(head, ZSTD_MAGIC)) {
                throw new IOException(file + " is zstd-compressed; the blaster reads plain, gzip and xz files");
            } else {
                if (Files.size(file) > maxBytes) {
                    throw new FileTooLargeException(file, Files.size(file), maxBytes);
                }
                in = raw;
            }
            // One byte more than allowed tells a file exactly at the limit from a larger one.
            content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new FileTooLargeException(file, -1, maxBytes);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        return split(content, separator);
    }

    /**
     * Splits {@code content} after each occurrence of {@code separator}; a last record without one
     * gets one appended, so that records can be replayed back to back.
     */
    static Records split(byte[] content, byte[] separator) {
        if (separator.length == 0) {
            throw new IllegalArgumentException("empty separator");
        }
        int[] starts = new int[1024];
        int count = 0;
        int from = 0;
        int at;
        while ((at = indexOf(content, separator, from)) >= 0) {
            if (count + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = from;
            from = at + separator.length;
        }
        byte[] data = content;
        if (from < content.length) {
            data = Arrays.copyOf(content, content.length + separator.length);
            System.arraycopy(separator, 0, data, content.length, separator.length);
            if (count + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length + 2);
            }
            starts[count++] = from;
            from = data.length;
        }
        starts[count] = from;
        return new Records(data, Arrays.copyOf(starts, count + 1));
    }

    private static int indexOf(byte[] content, byte[] separator, int from) {
        byte first = separator[0];
        int last = content.length - separator.length;
        for (int i = from; i <= last; i++) {
            if (content[i] != first) {
                continue;
            }
            int j = 1;
            while (j < separator.length && content[i + j] == separator[j]) {
                j++;
            }
            if (j == separator.length) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The file's content is larger than the blaster's limit. */
    static final class FileTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        FileTooLargeException(Path file, long size, int maxBytes) {
            super(file + (size >= 0 ? " holds " + size + " bytes" : " decompresses to more than " + maxBytes
                    + " bytes") + ", more than the blaster loads (option max_size_mb = " + (maxBytes >> 20) + ")");
        }
    }
}
