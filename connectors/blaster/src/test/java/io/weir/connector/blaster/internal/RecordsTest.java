package io.weir.connector.blaster.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

public class RecordsTest {
    private static final byte[] NL = {'\n'};

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static List<String> texts(Records records) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < records.count(); i++) {
            out.add(new String(records.data(), records.start(i), records.length(i), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void eachRecordKeepsItsSeparator() {
        Records records = Records.split(utf8("a\nbb\n\nccc\n"), NL);
        assertEquals(List.of("a\n", "bb\n", "\n", "ccc\n"), texts(records));
        assertEquals(10, records.size());
    }

    @Test
    public void aLastRecordWithoutSeparatorGetsOne() {
        assertEquals(List.of("a\n", "tail\n"), texts(Records.split(utf8("a\ntail"), NL)));
    }

    @Test
    public void multiByteSeparators() {
        byte[] crlf = utf8("\r\n");
        assertEquals(List.of("a\r\n", "b\rc\r\n", "d\r\n"), texts(Records.split(utf8("a\r\nb\rc\r\nd"), crlf)));
    }

    @Test
    public void emptyContentHasNoRecords() {
        assertEquals(0, Records.split(new byte[0], NL).count());
    }

    @Test
    public void manyRecords() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append(i).append('\n');
        }
        Records records = Records.split(utf8(text.toString()), NL);
        assertEquals(5000, records.count());
        assertEquals("4999\n", texts(records).get(4999));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.write(file, content);
        return file;
    }

    @Test
    public void loadsPlainGzipAndXzByTheirContentNotTheirName() throws IOException {
        byte[] text = utf8("one\ntwo\nthree\n");
        Path plain = write("plain.gz", text);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(text);
        }
        Path gzip = write("data.txt", gz.toByteArray());
        java.io.ByteArrayOutputStream xz = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new XZOutputStream(xz, new LZMA2Options())) {
            out.write(text);
        }
        Path xzFile = write("data.xz", xz.toByteArray());
        for (Path file : List.of(plain, gzip, xzFile)) {
            assertEquals(file.toString(), List.of("one\n", "two\n", "three\n"), texts(Records.load(file, NL, 1 << 20)));
        }
    }

    @Test
    public void loadsTremorsBenchmarkData() throws Exception {
        Path file = Path.of(getClass().getResource("/tremor/data.json.xz").toURI());
        Records records = Records.load(file, NL, 1 << 20);
        assertEquals(100, records.count());
        assertEquals(63015, records.size());
        for (String record : texts(records)) {
            assertTrue(record, record.startsWith("{") && record.endsWith("}\n"));
        }
    }

    @Test
    public void refusesAPlainFileAboveTheLimit() throws IOException {
        Path file = write("big", new byte[2048]);
        try {
            Records.load(file, NL, 1024);
            fail();
        } catch (Records.FileTooLargeException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("max_size_mb") && e.getMessage().contains("2048"));
        }
    }

    @Test
    public void refusesACompressedFileThatInflatesAboveTheLimit() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(new byte[4096]);
        }
        Path file = write("bomb.gz", gz.toByteArray());
        try {
            Records.load(file, NL, 4095);
            fail();
        } catch (Records.FileTooLargeException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("max_size_mb"));
        }
        assertEquals(1, Records.load(file, NL, 4096).count());
    }

    @Test
    public void namesZstdAsUnsupported() throws IOException {
        Path file = write("data.zst", new byte[] {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd, 0, 0, 0});
        try {
            Records.load(file, NL, 1024);
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("zstd"));
        }
    }

    @Test
    public void aCorruptGzipFileIsAnIoError() throws IOException {
        Path file = write("broken.gz", new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        try {
            Records.load(file, NL, 1024);
            fail();
        } catch (IOException expected) {
            // the JDK's message is enough; the source adds the option and the file
        }
    }

    @Test(expected = NoSuchFileException.class)
    public void aMissingFileIsReported() throws IOException {
        Records.load(tmp.getRoot().toPath().resolve("nope"), NL, 1024);
    }
}
