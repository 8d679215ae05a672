package io.weir.pipeline.internal.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tukaani.xz.XZInputStream;

/** The Tremor benchmark files in src/test/resources/tremor, decompressed and split into lines. */
final class TremorData {
    private TremorData() {
    }

    /** @return the file's bytes after xz decompression */
    static byte[] bytes(String name) {
        try (InputStream in = new XZInputStream(TremorData.class.getResourceAsStream("/tremor/" + name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the file's lines, without line ends */
    static List<byte[]> lines(String name) {
        byte[] all = bytes(name);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            lines.add(Arrays.copyOfRange(all, start, all.length));
        }
        return lines;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
