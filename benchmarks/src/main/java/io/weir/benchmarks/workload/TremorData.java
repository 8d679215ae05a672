package io.weir.benchmarks.workload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.tukaani.xz.XZInputStream;

/**
 * Tremor's benchmark data (the files of {@code pipeline/src/test/resources/tremor}, packed into the
 * benchmarks jar under {@code /tremor/}), split into records.
 */
public final class TremorData {
    private TremorData() {
    }

    /** @return the 100 JSON events of {@code data.json.xz}, 630 bytes on average */
    public static List<byte[]> jsonLines() {
        return lines("data.json.xz");
    }

    /** @return the 100 msgpack events of {@code data.msgpack.xz} (stored one base64 line each), decoded */
    public static List<byte[]> msgpackRecords() {
        List<byte[]> records = new ArrayList<>();
        for (byte[] line : lines("data.msgpack.xz")) {
            records.add(Base64.getDecoder().decode(line));
        }
        return records;
    }

    /** @return the lines of InfluxDB line protocol of {@code data.influx.xz} */
    public static List<byte[]> influxLines() {
        return lines("data.influx.xz");
    }

    /**
     * @param file a file name under {@code /tremor/}
     * @return its decompressed content split at newlines; empty lines left out
     * @throws IllegalStateException when the resource is missing
     */
    public static List<byte[]> lines(String file) {
        byte[] content = read(file);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    byte[] line = new byte[end - start];
                    System.arraycopy(content, start, line, 0, line.length);
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /**
     * @param file a file name under {@code /tremor/}
     * @return its decompressed content
     */
    public static byte[] read(String file) {
        String resource = "/tremor/" + file;
        try (InputStream raw = TremorData.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + resource + " (built from pipeline/src/test/resources/tremor)");
            }
            try (InputStream in = new XZInputStream(raw)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
