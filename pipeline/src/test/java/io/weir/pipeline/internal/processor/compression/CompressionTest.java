package io.weir.pipeline.internal.processor.compression;

import static io.weir.pipeline.internal.processor.ProcessorHarness.allSplits;
import static io.weir.pipeline.internal.processor.ProcessorHarness.bytes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

import org.junit.Test;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import io.weir.api.processor.Processor;
import io.weir.api.processor.ProcessorException;
import io.weir.pipeline.internal.processor.ProcessorHarness;
import io.weir.pipeline.internal.processor.ProcessorHarness.Run;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

public class CompressionTest {
    private static final List<String> ALGORITHMS = List.of("gzip", "zlib", "zstd", "lz4", "snappy");
    private static final List<String> RECORDS = List.of("hello", "{\"a\":1,\"b\":[1,2,3]}", "x".repeat(5000), "é ünïcødé", "z");

    private static Processor decompress(String algorithm) {
        return new DecompressPreprocessorFactory().create(Map.of("algorithm", algorithm));
    }

    private static Processor compress(String algorithm) {
        return new CompressPostprocessorFactory().create(Map.of("algorithm", algorithm));
    }

    /** Compresses each record on its own with the postprocessor. */
    private static List<byte[]> compressEach(String algorithm, List<byte[]> records) throws ProcessorException {
        Processor p = compress(algorithm);
        List<byte[]> out = new ArrayList<>();
        for (byte[] r : records) {
            p.process(r, 0, r.length, (d, o, l) -> out.add(Arrays.copyOfRange(d, o, o + l)));
        }
        p.finish((d, o, l) -> out.add(Arrays.copyOfRange(d, o, o + l)));
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    private static List<byte[]> asBytes(List<String> records) {
        List<byte[]> out = new ArrayList<>();
        records.forEach(r -> out.add(bytes(r)));
        return out;
    }

    /** Text that compresses, but not trivially. */
    private static byte[] sampleText(int size, long seed) {
        Random random = new Random(seed);
        String[] words = {"alpha", "beta", "gamma", "delta", "event", "weir", "stream", "syslog", "{\"k\":", "}\n", "12345"};
        StringBuilder b = new StringBuilder();
        while (b.length() < size) {
            b.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
        }
        return Arrays.copyOf(bytes(b.toString()), size);
    }

    @Test
    public void concatenatedMembersDecompressAtAnyBoundaryWithTheAlgorithmAndWithAutodetect() throws Exception {
        byte[] expected = concat(asBytes(RECORDS));
        for (String algorithm : ALGORITHMS) {
            byte[] stream = concat(compressEach(algorithm, asBytes(RECORDS)));
            for (String mode : List.of(algorithm, "autodetect")) {
                for (Run run : allSplits(() -> decompress(mode), stream)) {
                    assertEquals(algorithm + "/" + mode, List.of(), run.errors);
                    assertArrayEquals(algorithm + "/" + mode, expected, run.concatenated());
                }
            }
        }
    }

    @Test
    public void aMemberFedWholeComesOutAsOneRecord() throws Exception {
        for (String algorithm : ALGORITHMS) {
            List<byte[]> members = compressEach(algorithm, asBytes(RECORDS));
            for (String mode : List.of(algorithm, "autodetect")) {
                Processor p = decompress(mode);
                List<String> records = new ArrayList<>();
                for (byte[] member : members) {
                    p.process(member, 0, member.length, (d, o, l) -> records.add(new String(d, o, l, java.nio.charset.StandardCharsets.UTF_8)));
                }
                p.finish((d, o, l) -> records.add("unexpected"));
                assertEquals(algorithm + "/" + mode, RECORDS, records);
            }
        }
    }

    @Test
    public void largeRecordsSpanningManyBlocksRoundTrip() throws Exception {
        byte[] big = sampleText(300_000, 7);
        for (String algorithm : ALGORITHMS) {
            byte[] stream = concat(compressEach(algorithm, List.of(big, bytes("tail"))));
            for (Run run : allSplits(() -> decompress(algorithm), stream)) {
                assertEquals(algorithm, List.of(), run.errors);
                assertArrayEquals(algorithm, concat(List.of(big, bytes("tail"))), run.concatenated());
            }
        }
    }

    @Test
    public void outputIsHandedOnInFramesOfAtMostMaxFrame() throws Exception {
        byte[] big = sampleText(100_000, 3);
        for (String algorithm : ALGORITHMS) {
            byte[] stream = concat(compressEach(algorithm, List.of(big)));
            Run run = ProcessorHarness.whole(new DecompressPreprocessorFactory().create(Map.of("algorithm", algorithm, "max_frame", "1000")), stream);
            assertEquals(List.of(), run.errors);
            assertArrayEquals(big, run.concatenated());
            assertEquals(100, run.frames.size());
            assertTrue(run.frames.stream().allMatch(f -> f.length <= 1000));
        }
    }

    @Test
    public void aDecompressionBombStaysWithinMaxFrame() throws Exception {
        byte[] zeros = new byte[20_000_000];
        for (String algorithm : List.of("gzip", "zstd")) {
            byte[] stream = concat(compressEach(algorithm, List.of(zeros)));
            assertTrue(stream.length < 100_000);
            long[] total = {0};
            int[] largest = {0};
            Processor p = new DecompressPreprocessorFactory().create(Map.of("algorithm", algorithm, "max_frame", 65536));
            p.process(stream, 0, stream.length, (d, o, l) -> {
                total[0] += l;
                largest[0] = Math.max(largest[0], l);
            });
            p.finish((d, o, l) -> total[0] += l);
            assertEquals(zeros.length, total[0]);
            assertEquals(65536, largest[0]);
        }
    }

    @Test
    public void readsWhatTheReferenceLibrariesWrite() throws Exception {
        byte[] text = sampleText(200_000, 11);
        assertDecompresses("gzip", text, out -> new GZIPOutputStream(out));
        assertDecompresses("zlib", text, out -> new DeflaterOutputStream(out));
        assertDecompresses("zstd", text, out -> new ZstdOutputStream(out));
        assertDecompresses("lz4", text, out -> new LZ4FrameOutputStream(out));
        assertDecompresses("lz4", text, out -> new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                text.length, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM));
        assertDecompresses("snappy", text, out -> new SnappyFramedOutputStream(out));
    }

    private interface StreamFactory {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static void assertDecompresses(String algorithm, byte[] text, StreamFactory compressor) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(compressed)) {
            out.write(text);
        }
        for (String mode : List.of(algorithm, "autodetect")) {
            Run run = ProcessorHarness.randomChunks(decompress(mode), compressed.toByteArray(), 5, 3000);
            assertEquals(algorithm, List.of(), run.errors);
            assertArrayEquals(algorithm, text, run.concatenated());
        }
    }

    private interface InputFactory {
        InputStream wrap(InputStream in) throws IOException;
    }

    @Test
    public void writesWhatTheReferenceLibrariesRead() throws Exception {
        byte[] text = sampleText(200_000, 13);
        assertReadable("gzip", text, GZIPInputStream::new);
        assertReadable("zlib", text, InflaterInputStream::new);
        assertReadable("zstd", text, ZstdInputStream::new);
        assertReadable("lz4", text, LZ4FrameInputStream::new);
        assertReadable("snappy", text, SnappyFramedInputStream::new);
    }

    private static void assertReadable(String algorithm, byte[] text, InputFactory reader) throws Exception {
        byte[] compressed = concat(compressEach(algorithm, List.of(text)));
        assertTrue(algorithm + " compresses", compressed.length < text.length / 2);
        try (InputStream in = reader.wrap(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(algorithm, text, in.readAllBytes());
        }
    }

    @Test
    public void corruptDataIsReportedNeverThrownAsAnythingElse() throws Exception {
        byte[] record = sampleText(1000, 17);
        for (String algorithm : ALGORITHMS) {
            byte[] good = concat(compressEach(algorithm, List.of(record)));
            int silentlyWrong = 0;
            for (int at = 0; at < good.length; at++) {
                for (int bit : new int[] {0x01, 0x80}) {
                    byte[] bad = good.clone();
                    bad[at] ^= bit;
                    Run run = ProcessorHarness.whole(decompress(algorithm), bad);
                    if (algorithm.equals("snappy") && at == 10 && bit == 0x80) {
                        // the chunk type becomes 0x80, a skippable chunk: by the format's rules, skipped
                        assertEquals(List.of(), run.errors);
                        continue;
                    }
                    if (run.errors.isEmpty() && !Arrays.equals(record, run.concatenated())) {
                        silentlyWrong++;
                    }
                    for (ProcessorException e : run.errors) {
                        assertTrue(e.getMessage(), e.getMessage().startsWith("decompress: "));
                    }
                }
            }
            // every format checksums its content (gzip's unchecked header fields do not change it)
            assertEquals(algorithm, 0, silentlyWrong);
        }
    }

    @Test
    public void aGzipHeaderChecksumIsVerifiedWhereverTheInputIsCut() throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(plain)) {
            gzip.write(bytes("hello"));
        }
        byte[] member = plain.toByteArray();
        // The same member with a file name and a header CRC-16 (FNAME | FHCRC): CRC-32 of the header, low half.
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(member, 0, 10);
        header.write(bytes("a.txt\0"));
        byte[] head = header.toByteArray();
        head[3] = 0x08 | 0x02;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(head);
        ByteArrayOutputStream withCrc = new ByteArrayOutputStream();
        withCrc.write(head);
        withCrc.write((int) crc.getValue() & 0xff);
        withCrc.write((int) (crc.getValue() >>> 8) & 0xff);
        withCrc.write(member, 10, member.length - 10);
        byte[] good = withCrc.toByteArray();
        for (Run run : allSplits(() -> decompress("gzip"), good)) {
            assertEquals(List.of(), run.errors);
            assertEquals("hello", new String(run.concatenated(), java.nio.charset.StandardCharsets.UTF_8));
        }

        byte[] bad = good.clone();
        bad[head.length] ^= 1;
        for (Run run : allSplits(() -> decompress("gzip"), bad)) {
            assertEquals(List.of(), run.strings());
            // The rest of the member is then not a member: what comes after it may be reported too.
            assertFalse(run.errors.isEmpty());
            assertTrue(run.errors.get(0).getMessage(), run.errors.get(0).getMessage().contains("header checksum"));
        }
    }

    @Test
    public void aTruncatedMemberIsReportedAtTheEnd() throws Exception {
        for (String algorithm : List.of("gzip", "zlib", "zstd", "lz4")) {
            byte[] good = concat(compressEach(algorithm, List.of(sampleText(2000, 19))));
            for (int cut = 1; cut < good.length; cut++) {
                Run run = ProcessorHarness.whole(decompress(algorithm), Arrays.copyOf(good, cut));
                assertFalse(algorithm + " cut at " + cut, run.errors.isEmpty());
            }
        }
    }

    @Test
    public void aSnappyStreamMayEndBetweenChunksButNotInsideOne() throws Exception {
        byte[] good = concat(compressEach("snappy", List.of(bytes("hello"))));
        for (int cut = 1; cut < good.length; cut++) {
            Run run = ProcessorHarness.whole(decompress("snappy"), Arrays.copyOf(good, cut));
            if (cut == 10) {
                assertEquals(List.of(), run.errors); // right after the stream identifier
            } else {
                assertEquals("cut at " + cut, 1, run.errors.size());
                assertTrue(run.errors.get(0).getMessage().startsWith("decompress: "));
            }
        }
    }

    @Test
    public void afterCorruptDataTheNextInputStartsANewMember() throws Exception {
        for (String algorithm : ALGORITHMS) {
            List<byte[]> members = compressEach(algorithm, asBytes(List.of("first", "second")));
            byte[] broken = members.get(0).clone();
            broken[broken.length / 2 + 2] ^= 0x55;
            broken[broken.length - 3] ^= 0x55;
            Processor p = decompress(algorithm);
            List<String> out = new ArrayList<>();
            ProcessorException e = assertThrows(algorithm, ProcessorException.class,
                    () -> p.process(broken, 0, broken.length, (d, o, l) -> out.add(new String(d, o, l))));
            assertTrue(e.getMessage(), e.getMessage().endsWith("; dropped the rest of this input"));
            byte[] second = members.get(1);
            p.process(second, 0, second.length, (d, o, l) -> out.add(new String(d, o, l)));
            assertEquals(algorithm, List.of("second"), out);
        }
    }

    @Test
    public void autodetectPassesUncompressedStreamsThrough() {
        byte[] plain = bytes("just some text\nover two lines\n");
        for (Run run : allSplits(() -> decompress("autodetect"), plain)) {
            assertEquals(List.of(), run.errors);
            assertArrayEquals(plain, run.concatenated());
        }
        for (String tiny : new String[] {"a", "ab", "\u001f", "x", "xy", "Hello", "(1)"}) {
            for (Run run : allSplits(() -> decompress("autodetect"), bytes(tiny))) {
                assertEquals(List.of(), run.errors);
                assertArrayEquals(bytes(tiny), run.concatenated());
            }
        }
    }

    @Test
    public void autodetectRecognisesTheUsualZlibHeadersAtEveryLevel() throws Exception {
        for (int level = 1; level <= 9; level++) {
            byte[] member = concat(compressEach("zlib", List.of(bytes("level " + level))));
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(level);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = new DeflaterOutputStream(out, deflater)) {
                z.write(bytes("level " + level));
            }
            for (byte[] stream : List.of(member, out.toByteArray())) {
                Run run = ProcessorHarness.whole(decompress("autodetect"), stream);
                assertEquals(List.of(), run.errors);
                assertEquals("level " + level, new String(run.concatenated()));
            }
        }
    }

    @Test
    public void autodetectDecodesMembersOfDifferentFormatsInOneStream() throws Exception {
        byte[] stream = concat(List.of(
                compressEach("gzip", List.of(bytes("one "))).get(0),
                compressEach("zstd", List.of(bytes("two "))).get(0),
                compressEach("lz4", List.of(bytes("three "))).get(0),
                compressEach("zlib", List.of(bytes("four "))).get(0),
                compressEach("snappy", List.of(bytes("five"))).get(0)));
        for (Run run : allSplits(() -> decompress("autodetect"), stream)) {
            assertEquals(List.of(), run.errors);
            assertEquals("one two three four five", new String(run.concatenated()));
        }
    }

    @Test
    public void skippableFramesAreSkipped() throws Exception {
        byte[] skippable = {0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 'x', 'y', 'z'};
        for (String algorithm : List.of("zstd", "lz4")) {
            byte[] stream = concat(List.of(skippable, compressEach(algorithm, List.of(bytes("data"))).get(0), skippable));
            for (String mode : algorithm.equals("zstd") ? List.of("zstd", "autodetect") : List.of("lz4")) {
                for (Run run : allSplits(() -> decompress(mode), stream)) {
                    assertEquals(List.of(), run.errors);
                    assertEquals("data", new String(run.concatenated()));
                }
            }
        }
    }

    @Test
    public void uncompressedDataAfterAMemberIsAnError() throws Exception {
        byte[] member = compressEach("gzip", List.of(bytes("one"))).get(0);
        byte[] stream = concat(List.of(member, bytes("plain")));
        for (String mode : List.of("autodetect", "gzip")) {
            Run run = ProcessorHarness.whole(decompress(mode), stream);
            assertEquals(List.of("one"), run.strings());
            assertEquals(1, run.errors.size());
        }
    }

    @Test
    public void xzIsRecognisedAndRefused() {
        byte[] xz = {(byte) 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4};
        Run run = ProcessorHarness.whole(decompress("autodetect"), xz);
        assertEquals(1, run.errors.size());
        assertTrue(run.errors.get(0).getMessage().startsWith("decompress: xz is not supported"));
    }

    @Test
    public void lz4FramesWithLinkedBlocksAreRefusedClearly() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new LZ4FrameOutputStream(compressed, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
            out.write(bytes("linked"));
        }
        byte[] frame = compressed.toByteArray();
        frame[4] &= ~0x20; // clear the block independence flag
        frame[6] = (byte) ((net.jpountz.xxhash.XXHashFactory.fastestJavaInstance().hash32().hash(frame, 4, 2, 0) >>> 8) & 0xff);
        Run run = ProcessorHarness.whole(decompress("lz4"), frame);
        assertEquals(1, run.errors.size());
        assertTrue(run.errors.get(0).getMessage(), run.errors.get(0).getMessage().contains("linked blocks are not supported"));
    }

    @Test
    public void wrongFormatForTheConfiguredAlgorithmIsReported() throws Exception {
        byte[] gzip = compressEach("gzip", List.of(bytes("x"))).get(0);
        for (String algorithm : List.of("zlib", "zstd", "lz4", "snappy")) {
            Run run = ProcessorHarness.whole(decompress(algorithm), gzip);
            assertEquals(algorithm, 1, run.errors.size());
            assertEquals(List.of(), run.frames);
        }
    }

    @Test
    public void rejectsInvalidOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompressPostprocessorFactory().create(Map.of()));
        assertEquals("compress: option 'algorithm' is required (one of gzip, zlib, zstd, lz4, snappy)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CompressPostprocessorFactory().create(Map.of("algorithm", "lz4", "level", "3")));
        assertEquals("compress: option 'level' applies to gzip, zlib and zstd only, not lz4, got '3'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CompressPostprocessorFactory().create(Map.of("algorithm", "gzip", "level", "10")));
        assertEquals("compress: option 'level' must be an integer from 1 to 9, got '10'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DecompressPreprocessorFactory().create(Map.of("algorithm", "brotli")));
        assertEquals("decompress: option 'algorithm' must be one of autodetect, gzip, zlib, zstd, lz4, snappy, got 'brotli'", e.getMessage());
        assertEquals(CompressPostprocessor.class, new CompressPostprocessorFactory().create(Map.of("algorithm", "ZSTD", "level", 19)).getClass());
    }

}
