package io.weir.connector.file.internal.sink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSinkContext;
import io.weir.connector.testkit.FakeSinkEvent;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileSinkTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FileSink sink(Path file, Object... options) {
        Map<String, Object> config = new HashMap<>();
        config.put("path", file.toString());
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        return new FileSink(Configs.of(FileSinkConfig.class, config));
    }

    @Test
    public void appendsFramesAndHasThemInTheFileWhenFlushReturns() throws Exception {
        Path file = folder.getRoot().toPath().resolve("out/dir/events.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "kept\n");
        FileSink sink = sink(file, "fsync", "true");
        sink.open(new FakeSinkContext("out"));
        sink.write(FakeSinkEvent.of("a\n"));
        sink.write(FakeSinkEvent.of("b", "c\n"));
        assertEquals("buffered until flush", "kept\n", Files.readString(file));
        sink.flush();
        assertEquals("kept\na\nbc\n", Files.readString(file));
        sink.close();
    }

    @Test
    public void createsMissingFoldersAndWritesFramesLargerThanTheBuffer() throws Exception {
        Path file = folder.getRoot().toPath().resolve("new/folder/big.log");
        FileSink sink = sink(file, "buffer_bytes", "8");
        sink.open(new FakeSinkContext("out"));
        String big = "y".repeat(100);
        sink.write(FakeSinkEvent.of("abc", big, "def"));
        sink.flush();
        assertEquals("abc" + big + "def", Files.readString(file));
        sink.close();
    }

    @Test
    public void anEventWithoutFramesIsFailedAloneWithAClearReason() throws Exception {
        Path file = folder.getRoot().toPath().resolve("events.log");
        FileSink sink = sink(file);
        sink.open(new FakeSinkContext("out"));
        FakeSinkEvent empty = new FakeSinkEvent(List.of());
        sink.write(empty);
        FakeSinkEvent fine = FakeSinkEvent.of("ok\n");
        sink.write(fine);
        sink.flush();
        assertTrue(empty.outcome(), empty.outcome().startsWith("fail: ") && empty.outcome().contains("codec"));
        assertNull("the other event is left to the manager", fine.outcome());
        assertEquals("ok\n", Files.readString(file));
        sink.close();
    }

    @Test
    public void rotatesBySizeNeverSplittingAnEventAndKeepsTheNewestRotatedFiles() throws Exception {
        Path file = folder.getRoot().toPath().resolve("events.log");
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        RotatingFile rotating = new RotatingFile(file, 10, 0, 2, false, 4, clock::get);
        rotating.open();
        for (int i = 0; i < 5; i++) {
            rotating.append(List.of(("event" + i).getBytes(StandardCharsets.UTF_8), "\n".getBytes()));
            clock.addAndGet(1000);
        }
        rotating.flush();
        List<Path> rotated = rotating.rotatedFiles();
        assertEquals("five 7-byte events in 10-byte files, two rotated files kept", 2, rotated.size());
        assertEquals("event4\n", Files.readString(file));
        assertEquals("event3\n", Files.readString(rotated.get(1)));
        assertEquals("event2\n", Files.readString(rotated.get(0)));
        assertEquals("events.log.20231114T221323.000Z", rotated.get(0).getFileName().toString());
        rotating.close();
    }

    @Test
    public void rotatesByAgeAtTheNextWriteOrFlushAndNeverRotatesAnEmptyFile() throws Exception {
        Path file = folder.getRoot().toPath().resolve("events.log");
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        RotatingFile rotating = new RotatingFile(file, 0, 60_000, 0, true, 1024, clock::get);
        rotating.open();
        clock.addAndGet(120_000);
        rotating.flush();
        assertTrue("an empty file is not rotated", rotating.rotatedFiles().isEmpty());
        rotating.append(List.of("first\n".getBytes()));
        rotating.flush();
        clock.addAndGet(59_000);
        rotating.flush();
        assertTrue(rotating.rotatedFiles().isEmpty());
        clock.addAndGet(1_000);
        rotating.flush();
        assertEquals(1, rotating.rotatedFiles().size());
        assertEquals("first\n", Files.readString(rotating.rotatedFiles().get(0)));
        assertEquals("", Files.readString(file));
        rotating.append(List.of("second\n".getBytes()));
        rotating.close();
        assertEquals("second\n", Files.readString(file));
    }

    @Test
    public void twoRotationsInTheSameMillisecondGetDistinctNames() throws Exception {
        Path file = folder.getRoot().toPath().resolve("events.log");
        RotatingFile rotating = new RotatingFile(file, 3, 0, 0, false, 16, () -> 0L);
        rotating.open();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rotating.append(List.of(("e" + i + "\n").getBytes()));
            written.add("e" + i + "\n");
        }
        rotating.close();
        List<Path> rotated = rotating.rotatedFiles();
        assertEquals(2, rotated.size());
        assertEquals("events.log.19700101T000000.000Z", rotated.get(0).getFileName().toString());
        assertEquals("events.log.19700101T000000.000Z-1", rotated.get(1).getFileName().toString());
        assertEquals(written, List.of(Files.readString(rotated.get(0)), Files.readString(rotated.get(1)),
                Files.readString(file)));
    }

    @Test
    public void rotationsInOneMillisecondOrAfterTheClockSteppedBackNeverPruneTheNewest() throws Exception {
        Path file = folder.getRoot().toPath().resolve("events.log");
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        RotatingFile rotating = new RotatingFile(file, 3, 0, 3, false, 64, clock::get);
        rotating.open();
        // One 3-byte record a file: eleven rotations in the same millisecond, "-10" after "-9".
        for (int i = 0; i < 12; i++) {
            rotating.append(List.of(("r" + Integer.toHexString(i) + "\n").getBytes()));
        }
        assertEquals(List.of("r8\n", "r9\n", "ra\n"), contents(rotating.rotatedFiles()));
        // The clock steps back an hour: the next rotated files still sort after the newest.
        clock.addAndGet(-3_600_000);
        rotating.append(List.of("rc\n".getBytes()));
        rotating.append(List.of("rd\n".getBytes()));
        rotating.close();
        List<Path> rotated = rotating.rotatedFiles();
        assertEquals(List.of("ra\n", "rb\n", "rc\n"), contents(rotated));
        assertEquals("events.log.20231114T221320.000Z-12", rotated.get(2).getFileName().toString());
        assertEquals("rd\n", Files.readString(file));
    }

    @Test
    public void aRotatedFileThatCannotBeDeletedDoesNotFailTheWrite() throws Exception {
        Path file = folder.getRoot().toPath().resolve("events.log");
        // Named like the oldest rotated file, but a folder with something in it: it cannot be deleted.
        Path stuck = Files.createDirectory(folder.getRoot().toPath().resolve("events.log.19700101T000000.000Z"));
        Files.writeString(stuck.resolve("keep-me"), "x");
        RotatingFile rotating = new RotatingFile(file, 3, 0, 1, false, 64, () -> 1_700_000_000_000L);
        rotating.open();
        rotating.append(List.of("e0\n".getBytes()));
        rotating.append(List.of("e1\n".getBytes()));
        rotating.append(List.of("e2\n".getBytes()));
        rotating.close();
        assertEquals("e2\n", Files.readString(file));
        assertTrue(Files.isDirectory(stuck));
    }

    @Test
    public void bytesLeftByAFailedWriteAreNotWrittenAgainAtClose() throws Exception {
        Path file = folder.getRoot().toPath().resolve("events.log");
        RotatingFile rotating = new RotatingFile(file, 0, 0, 0, false, 8, () -> 0L,
                path -> new ShortWriteChannel(java.nio.channels.FileChannel.open(path,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.APPEND)));
        rotating.open();
        rotating.append(List.of("abcd".getBytes()));
        try {
            // Drains "abcd" first: two bytes go out, then the disk is full.
            rotating.append(List.of("efghijkl".getBytes()));
            fail("the failed write should fail the append");
        } catch (java.io.IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("No space left"));
        }
        // The runtime closes the sink after the failed batch, and sends the batch again to the next one.
        rotating.close();
        assertEquals("ab", Files.readString(file));
    }

    private static List<String> contents(List<Path> files) throws java.io.IOException {
        List<String> texts = new ArrayList<>();
        for (Path each : files) {
            texts.add(Files.readString(each));
        }
        return texts;
    }

    @Test
    public void aFileThatCannotBeOpenedFailsTheOpen() throws Exception {
        Path blocker = folder.newFile("blocker").toPath();
        FileSink sink = sink(blocker.resolve("events.log"));
        try {
            sink.open(new FakeSinkContext("out"));
            fail();
        } catch (java.io.IOException e) {
            assertFalse(Files.exists(blocker.resolve("events.log")));
        }
        sink.close();
    }

    @Test
    public void badOptionsAreRejectedNamingTheOption() {
        assertRejected("path", Map.of());
        assertRejected("rotate.max_bytes", Map.of("path", "/tmp/x", "rotate.max_bytes", "-1"));
        assertRejected("rotate.interval_s", Map.of("path", "/tmp/x", "rotate.interval_s", "soon"));
        assertRejected("rotate.keep", Map.of("path", "/tmp/x", "rotate.keep", "-2"));
        assertRejected("buffer_bytes", Map.of("path", "/tmp/x", "buffer_bytes", "-1"));
    }

    private static void assertRejected(String option, Map<String, Object> config) {
        try {
            new FileSink(Configs.of(FileSinkConfig.class, config));
            fail("accepted " + config);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("option " + option));
        }
    }
}
