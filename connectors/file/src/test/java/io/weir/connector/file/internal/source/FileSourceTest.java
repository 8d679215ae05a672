package io.weir.connector.file.internal.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.FakeSourceOutput.Item;
import io.weir.connector.testkit.Poll;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileSourceTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<FileSource> opened = new ArrayList<>();

    @After
    public void closeAll() throws Exception {
        for (FileSource source : opened) {
            source.close();
        }
    }

    private FileSource open(Path file, Object... options) throws Exception {
        return open(new FakeSourceContext("test"), file, options);
    }

    private FileSource open(FakeSourceContext context, Path file, Object... options) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("path", file.toString());
        config.put("poll_interval_ms", "5");
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        FileSource source = new FileSource(Configs.of(FileSourceConfig.class, config));
        opened.add(source);
        source.open(context);
        return source;
    }

    private static void pullUntil(FileSource source, FakeSourceOutput out, String what,
            java.util.function.BooleanSupplier done) throws Exception {
        Poll.until(what, 5000, () -> source.pull(out, 20), done);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** @return {@code in.log} in the test's folder, holding {@code text} */
    private Path inLog(String text) throws IOException {
        Path file = folder.getRoot().toPath().resolve("in.log");
        append(file, text);
        return file;
    }

    private static List<String> texts(List<Item> items) {
        return items.stream().map(Item::text).toList();
    }

    /** Runs a source over {@code file} until it read {@code records}, acknowledges them all, and closes it. */
    private void readAckAndClose(Path file, int records) throws Exception {
        FileSource source = open(file);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, records + " records", () -> out.data().size() == records);
        ackAll(source, out.data());
        source.close();
    }

    private static void ackAll(FileSource source, List<Item> items) {
        for (Item item : items) {
            source.ack(item.stream(), item.position());
        }
    }

    @Test
    public void readModeHandsOnEachRecordAndFinishesOnceEveryRecordIsAcknowledged() throws Exception {
        Path file = inLog("a\nbb\nccc");
        FileSource source = open(file, "mode", "read");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "the end of the file", () -> out.ended().contains(0L));
        assertEquals(List.of("a\n", "bb\n", "ccc"), texts(out.data()));
        assertEquals("positions are the offsets after each record", List.of(2L, 5L, 8L),
                out.data().stream().map(Item::position).toList());
        assertEquals(Map.of("path", file.toString()), out.data().get(0).meta());
        assertTrue("not finished while records wait for acknowledgement", source.pull(out, 10));

        ackAll(source, out.data());
        assertFalse(source.pull(out, 1000));
        assertTrue(Files.readString(file.resolveSibling("in.log.weir-offset")).contains("file.0.offset=8"));
        source.close();

        FileSource again = open(file, "mode", "read");
        FakeSourceOutput second = new FakeSourceOutput();
        assertFalse("a file read whole is not read again", again.pull(second, 1000));
        assertTrue(second.data().isEmpty());
    }

    @Test
    public void aPullEndsOnceTheServerHasNoRoomAndTheNextGoesOnWhereItStopped() throws Exception {
        FileSource source = open(inLog("a\nbb\nccc\n"), "mode", "read");
        FakeSourceOutput out = new FakeSourceOutput();
        out.full(true);
        pullUntil(source, out, "a first record", () -> !out.data().isEmpty());
        assertEquals("one record per pull while the server has no room", List.of("a\n"), texts(out.data()));
        out.full(false);
        pullUntil(source, out, "the rest", () -> out.data().size() == 3);
        assertEquals(List.of("a\n", "bb\n", "ccc\n"), texts(out.data()));
        source.close();
    }

    @Test
    public void readModeFailsToOpenAMissingFileNamingIt() throws Exception {
        Path file = folder.getRoot().toPath().resolve("missing.log");
        try {
            open(file, "mode", "read");
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("missing.log"));
        }
    }

    @Test
    public void followsTheNameAcrossRotationFinishingTheOldFileFirst() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "one\ntwo\n");
        FileSource source = open(file);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "two records", () -> out.data().size() == 2);

        Path rotated = file.resolveSibling("app.log.1");
        Files.move(file, rotated);
        append(rotated, "three\n");
        append(file, "four\n");
        pullUntil(source, out, "the new file", () -> out.text().contains("four"));

        assertEquals("one\ntwo\nthree\n", out.text(0));
        assertEquals("four\n", out.text(1));
        assertEquals(List.of(0L), out.ended());
        assertEquals(Map.of("path", file.toString()), out.data().get(3).meta());

        append(file, "five\n");
        pullUntil(source, out, "more of the new file", () -> out.text(1).equals("four\nfive\n"));
        // Once the old file's records are acknowledged it is let go; only the new one is resumed.
        ackAll(source, out.data());
        source.pull(out, 10);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) source.snapshot().get("files");
        assertEquals(1, files.size());
        assertEquals(10L, files.get(0).get("offset"));
    }

    @Test
    public void truncationEndsTheStreamAndReadsTheFileAgainFromTheStart() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "aaaa\nbbbb\n");
        FakeSourceContext context = new FakeSourceContext("test");
        FileSource source = open(context, file);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "two records", () -> out.data().size() == 2);
        assertEquals(List.of(), context.errors());

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append(file, "cc\n");
        pullUntil(source, out, "the new content", () -> out.text().contains("cc"));
        assertEquals("a truncation is a counted error", List.of(FileSource.TRUNCATED), context.errorKinds());
        assertEquals(file + " was truncated to 3 bytes after 10 had been read; reading it again from the start",
                context.errors().get(0).message());
        assertEquals(List.of(0L), out.ended());
        assertEquals("aaaa\nbbbb\n", out.text(0));
        assertEquals("cc\n", out.text(1));
        assertEquals(3L, out.data().get(2).position());
    }

    @Test
    public void aStartFromTheEndHoldsAcrossARestartBeforeAnyAcknowledgement() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "old\n");
        FileSource first = open(file, "from", "end");
        FakeSourceOutput out = new FakeSourceOutput();
        first.pull(out, 20);
        assertEquals("nothing before the start", 0, out.data().size());
        // Stopped (or crashed: the state is written by open) before anything came and was acknowledged.
        first.close();
        append(file, "new\n");

        FileSource second = open(file, "from", "end");
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "what came while stopped", () -> !again.data().isEmpty());
        assertEquals(List.of("new\n"), texts(again.data()));
    }

    @Test
    public void aTruncationFoundAtStartHoldsAcrossTheNextRestart() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "aaaa\nbbbb\n");
        readAckAndClose(file, 2);

        Files.writeString(file, "x\n");
        FileSource second = open(file);
        FakeSourceOutput out2 = new FakeSourceOutput();
        pullUntil(second, out2, "the record after the truncation", () -> out2.data().size() == 1);
        second.close();
        // Longer than the offset saved before the truncation: only the state written at the last start tells.
        append(file, "yyyyyyyyyyyy\n");

        FileSource third = open(file);
        FakeSourceOutput out3 = new FakeSourceOutput();
        pullUntil(third, out3, "both records", () -> out3.data().size() == 2);
        assertEquals(List.of("x\n", "yyyyyyyyyyyy\n"), texts(out3.data()));
    }

    @Test
    public void aRestartResumesAfterTheLastAcknowledgedRecordSoNothingIsLost() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            all.append("line ").append(i).append('\n');
        }
        append(file, all.toString());
        FileSource first = open(file);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "ten records", () -> out.data().size() == 10);
        List<Item> items = out.data();
        for (int i : new int[] {0, 1, 2, 3, 5, 7}) {
            first.ack(items.get(i).stream(), items.get(i).position());
        }
        first.close();

        FileSource second = open(file);
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "the records not acknowledged", () -> again.data().size() == 6);
        // Records 5..10 come again: 5 was never acknowledged; 6 and 8 are the at-least-once duplicates.
        assertEquals(List.of("line 5\n", "line 6\n", "line 7\n", "line 8\n", "line 9\n", "line 10\n"),
                texts(again.data()));
        second.pull(again, 20);
        assertEquals(6, again.data().size());
    }

    @Test
    public void theStateFileIsWrittenWhileRunningNotOnlyOnClose() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        Path state = folder.getRoot().toPath().resolve("offsets");
        append(file, "x\ny\n");
        FileSource source = open(file, "state_file", state.toString(), "commit_interval_ms", "0");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "two records", () -> out.data().size() == 2);
        ackAll(source, out.data().subList(0, 1));
        pullUntil(source, out, "the state file", () -> read(state).contains("file.0.offset=2"));
        assertFalse(Files.exists(file.resolveSibling("app.log.weir-offset")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    public void aFailedRecordIsReadAgainFromItsStart() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "1\n2\n3\n4\n");
        FileSource source = open(file);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "four records", () -> out.data().size() == 4);
        List<Item> first = out.data();
        source.ack(0, first.get(0).position());
        source.fail(0, first.get(2).position());
        source.fail(0, first.get(1).position());
        source.fail(0, first.get(3).position());
        pullUntil(source, out, "the replay", () -> out.data().size() == 7);
        List<Item> replay = out.data().subList(4, 7);
        assertEquals(List.of("2\n", "3\n", "4\n"), texts(replay));
        assertNotEquals("the copies read again carry new positions", first.get(1).position(),
                replay.get(0).position());
        // Late outcomes of the first copies change nothing.
        ackAll(source, first);
        source.pull(out, 10);
        assertEquals(7, out.data().size());
        assertEquals(2L, offsetOf(source));
        ackAll(source, replay);
        assertEquals(8L, offsetOf(source));
    }

    private static long offsetOf(FileSource source) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) source.snapshot().get("files");
        return (Long) files.get(files.size() - 1).get("offset");
    }

    @Test
    public void aFileRotatedWhileStoppedIsFinishedBeforeTheNewOne() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "a\nb\n");
        readAckAndClose(file, 2);

        append(file, "c\n");
        Files.move(file, file.resolveSibling("app.log.1"));
        append(file.resolveSibling("app.log.1"), "d\n");
        append(file, "e\n");

        FileSource second = open(file);
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "both files", () -> again.text().contains("e"));
        assertEquals("c\nd\ne\n", again.text());
        long oldStream = again.data().get(0).stream();
        assertEquals(List.of(oldStream), again.ended());
        assertEquals(file.resolveSibling("app.log.1").toString(), again.data().get(0).meta().get("path"));
    }

    @Test
    public void aRestartWithAnotherPathDropsTheOldPathsOffsetsAndStartsAsFromSays() throws Exception {
        Path state = folder.getRoot().toPath().resolve("shared.weir-offset");
        Path before = folder.getRoot().toPath().resolve("before.log");
        append(before, "b1\nb2\n");
        FileSource first = open(before, "state_file", state.toString());
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "two records", () -> out.data().size() == 2);
        ackAll(first, out.data().subList(0, 1));
        first.close();
        append(before, "b3\n");

        Path after = folder.getRoot().toPath().resolve("after.log");
        append(after, "a1\n");
        FileSource second = open(after, "state_file", state.toString(), "from", "end");
        FakeSourceOutput again = new FakeSourceOutput();
        second.pull(again, 20);
        append(after, "a2\n");
        pullUntil(second, again, "the record appended", () -> again.text().contains("a2"));
        assertEquals("neither the old file nor what the new one held at the start", "a2\n", again.text());
        second.close();
        assertEquals("only the new path is saved", List.of(after.toString()),
                new StateFile(state).load().files().stream().map(SavedFile::path).toList());
    }

    @Test
    public void aHotSwapToAnotherPathDropsTheOldPathsOffsets() throws Exception {
        Path before = folder.getRoot().toPath().resolve("before.log");
        append(before, "b1\nb2\n");
        FileSource first = open(before, "state_file", "none");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "two records", () -> out.data().size() == 2);
        ackAll(first, out.data().subList(0, 1));
        Map<String, Object> state = first.snapshot();
        first.close();

        Path after = folder.getRoot().toPath().resolve("after.log");
        append(after, "a1\n");
        FakeSourceContext context = new FakeSourceContext("test", state).withContinuableStreams(0);
        FileSource second = open(context, after, "state_file", "none");
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "the new file", () -> again.text().contains("a1"));
        assertEquals("a1\n", again.text());
        assertEquals("the old file's stream is not continued", List.of(), context.continued());
    }

    @Test
    public void anotherPathNamingTheSameFileResumesItsOffset() throws Exception {
        Path state = folder.getRoot().toPath().resolve("shared.weir-offset");
        Path before = folder.getRoot().toPath().resolve("before.log");
        append(before, "1\n2\n");
        FileSource first = open(before, "state_file", state.toString());
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "two records", () -> out.data().size() == 2);
        ackAll(first, out.data().subList(0, 1));
        first.close();

        Path link = Files.createLink(folder.getRoot().toPath().resolve("link.log"), before);
        FileSource second = open(link, "state_file", state.toString());
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "the unacknowledged record", () -> again.data().size() == 1);
        assertEquals("2\n", again.text());
    }

    @Test
    public void aStateFileWithoutItsPathBelongsToThePathItsFilesWereSavedUnder() throws Exception {
        Path state = folder.getRoot().toPath().resolve("old.weir-offset");
        Path before = folder.getRoot().toPath().resolve("before.log");
        append(before, "b1\nb2\n");
        String key = Files.readAttributes(before, BasicFileAttributes.class).fileKey().toString();
        // As written before the path was recorded.
        new StateFile(state).store(new SavedState(null, List.of(new SavedFile(key, before.toString(), 3))));

        Path after = folder.getRoot().toPath().resolve("after.log");
        append(after, "a1\n");
        FileSource moved = open(after, "state_file", state.toString());
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(moved, out, "the new file", () -> out.text().contains("a1"));
        assertEquals("a1\n", out.text());
        moved.close();
        assertEquals("rewritten with its path", after.toString(), new StateFile(state).load().path());

        new StateFile(state).store(new SavedState(null, List.of(new SavedFile(key, before.toString(), 3))));
        FileSource same = open(before, "state_file", state.toString());
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(same, again, "the record after the offset", () -> again.data().size() == 1);
        assertEquals("b2\n", again.text());
    }

    @Test
    public void aRotatedFileStillBeingReadWhileTheNameIsMissingIsResumedAfterARestart() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "a\n");
        readAckAndClose(file, 1);
        append(file, "b\n");
        Path rotated = file.resolveSibling("app.log.1");
        Files.move(file, rotated);

        // Saved under the rotated name only: the configured name holds no file yet.
        FileSource second = open(file);
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(second, out, "the rest of the rotated file", () -> out.text().equals("b\n"));
        second.close();

        append(file, "c\n");
        FileSource third = open(file);
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(third, again, "both files", () -> again.text().contains("c"));
        assertEquals("the unacknowledged record, then the new file", "b\nc\n", again.text());
    }

    @Test
    public void aFileTruncatedOrRotatedAwayAndDeletedWhileStoppedIsACountedError() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "aaaa\nbbbb\n");
        readAckAndClose(file, 2);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(5);
        }

        FakeSourceContext context = new FakeSourceContext("test");
        FileSource second = open(context, file);
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "the file from the start", () -> again.text().equals("aaaa\n"));
        assertEquals(List.of(FileSource.TRUNCATED), context.errorKinds());
        assertTrue(context.errors().get(0).message(), context.errors().get(0).message().contains(
                "is shorter (5 bytes) than the saved offset 10"));

        // Rotated away while stopped, then deleted before it was read to its end.
        append(file, "more\n");
        ackAll(second, again.data());
        pullUntil(second, again, "the new record", () -> again.text().contains("more"));
        second.close();
        append(file, "unread\n");
        Files.move(file, file.resolveSibling("app.log.1"));
        // The new file first, so that it cannot get the deleted file's inode (and be taken for it).
        append(file, "next\n");
        Files.delete(file.resolveSibling("app.log.1"));

        FakeSourceContext third = new FakeSourceContext("test");
        FileSource source = open(third, file);
        FakeSourceOutput last = new FakeSourceOutput();
        pullUntil(source, last, "the new file", () -> last.text().equals("next\n"));
        assertEquals(List.of(FileSource.ROTATED_GONE), third.errorKinds());
        assertTrue(third.errors().get(0).message(), third.errors().get(0).message().contains("was not read"));
    }

    @Test
    public void aStateFileThatCannotBeWrittenIsACountedErrorAndReadingGoesOn() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        Path state = Files.createDirectory(folder.getRoot().toPath().resolve("state"));
        append(file, "x\ny\n");
        FakeSourceContext context = new FakeSourceContext("test");
        FileSource source = open(context, file, "state_file", state.resolve("offsets").toString(),
                "commit_interval_ms", "0");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "two records", () -> out.data().size() == 2);
        // The state file's folder (with the state open wrote) is replaced by a file: every write fails from now on.
        try (var written = Files.list(state)) {
            for (Path each : written.toList()) {
                Files.delete(each);
            }
        }
        Files.delete(state);
        Files.writeString(state, "a file where the state file's folder should be");
        ackAll(source, out.data());
        pullUntil(source, out, "the failed write reported", () -> context.errors(FileSource.STATE_FILE) >= 1);
        assertTrue(context.errors().get(0).message(), context.errors().get(0).message().startsWith(
                "cannot write state file " + state.resolve("offsets")));
        append(file, "z\n");
        pullUntil(source, out, "the next record", () -> out.data().size() == 3);
    }

    @Test
    public void aRecordLongerThanTheBufferGoesOnInPiecesAndCommitsWhole() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        String longRecord = "x".repeat(40) + "\n";
        append(file, longRecord + "y\n");
        FileSource source = open(file, "chunk_bytes", "16");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "both records", () -> out.text().equals(longRecord + "y\n"));
        List<Item> items = out.data();
        assertEquals("three pieces and a short record", 4, items.size());
        assertEquals(41L, items.get(2).position() & UnitTracker.OFFSET_MASK);
        source.ack(0, items.get(3).position());
        assertEquals(0L, offsetOf(source));
        source.ack(0, items.get(2).position());
        assertEquals(43L, offsetOf(source));
    }

    @Test
    public void readingWaitsWhileMaxInFlightRecordsAreUnacknowledged() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "1\n2\n3\n4\n");
        FileSource source = open(file, "max_in_flight", "2");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "two records", () -> out.data().size() == 2);
        source.pull(out, 20);
        assertEquals(2, out.data().size());
        source.ack(0, out.data().get(0).position());
        pullUntil(source, out, "a third record", () -> out.data().size() == 3);
        source.pull(out, 20);
        assertEquals(3, out.data().size());
    }

    @Test
    public void aHotSwapReplacementResumesFromTheSnapshot() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "1\n2\n3\n");
        FileSource first = open(file, "state_file", "none");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "three records", () -> out.data().size() == 3);
        ackAll(first, out.data().subList(0, 2));
        Map<String, Object> state = first.snapshot();
        first.close();

        FileSource second = open(new FakeSourceContext("test", state), file, "state_file", "none");
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "the unacknowledged record", () -> again.data().size() == 1);
        assertEquals("3\n", again.data().get(0).text());
        assertEquals("stream ids go on from the previous instance", 1L, again.data().get(0).stream());
    }

    @Test
    public void aHotSwapReplacementContinuesItsStreamWhereThePredecessorStoppedWhenTheRuntimeKeptIt()
            throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "1\n2\n3\n");
        FileSource first = open(file, "state_file", "none");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "three records", () -> out.data().size() == 3);
        ackAll(first, out.data().subList(0, 1));
        Map<String, Object> state = first.snapshot();
        first.close();

        FakeSourceContext context = new FakeSourceContext("test", state).withContinuableStreams(0);
        FileSource second = open(context, file, "state_file", "none");
        assertEquals(List.of(0L), context.continued());
        FakeSourceOutput again = new FakeSourceOutput();
        second.pull(again, 20);
        assertEquals("nothing in flight is read twice", List.of(), again.data());
        append(file, "4\n");
        pullUntil(second, again, "the new record", () -> again.data().size() == 1);
        assertEquals("4\n", again.data().get(0).text());
        assertEquals("on the same stream", 0L, again.data().get(0).stream());

        // The predecessor's records in flight settle here: the committed offset moves over them.
        ackAll(second, out.data().subList(1, 3));
        ackAll(second, again.data());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) second.snapshot().get("files");
        assertEquals(8L, files.get(0).get("offset"));
    }

    @Test
    public void aRecordLongerThanTheBufferIsCompletedAcrossAHotSwapAndCommittedAsOne() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        String longRecord = "x".repeat(40);
        append(file, longRecord);
        FileSource first = open(file, "state_file", "none", "chunk_bytes", "16");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "the first pieces", () -> out.data().size() >= 2);
        Map<String, Object> state = first.snapshot();
        first.close();
        String handed = out.text();

        FakeSourceContext context = new FakeSourceContext("test", state).withContinuableStreams(0);
        FileSource second = open(context, file, "state_file", "none", "chunk_bytes", "16");
        FakeSourceOutput again = new FakeSourceOutput();
        append(file, "\nnext\n");
        pullUntil(second, again, "the rest and the next record", () -> again.text().endsWith("next\n"));
        assertEquals("the record goes on from the byte after the last piece", longRecord + "\nnext\n",
                handed + again.text());
        // Every piece's outcome is the record's: acknowledging the last settles it, whichever instance sent it.
        ackAll(second, again.data());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) second.snapshot().get("files");
        assertEquals((long) longRecord.length() + 6, files.get(0).get("offset"));
    }

    @Test
    public void aHotSwapReplacementTheRuntimeRefusesReadsAgainFromTheCommittedOffsetAsANewStream()
            throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "1\n2\n");
        FileSource first = open(file, "state_file", "none");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "two records", () -> out.data().size() == 2);
        ackAll(first, out.data().subList(0, 1));
        Map<String, Object> state = first.snapshot();
        first.close();

        FakeSourceContext context = new FakeSourceContext("test", state);
        FileSource second = open(context, file, "state_file", "none");
        assertEquals("it asked", List.of(0L), context.refused());
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "the record in flight again", () -> again.data().size() == 1);
        assertEquals("2\n", again.data().get(0).text());
        assertEquals(1L, again.data().get(0).stream());
    }

    @Test
    public void followWaitsForTheFileToAppearAndFromEndSkipsWhatIsThere() throws Exception {
        Path file = folder.getRoot().toPath().resolve("later.log");
        FileSource waiting = open(file);
        FakeSourceOutput out = new FakeSourceOutput();
        assertTrue(waiting.pull(out, 10));
        append(file, "hello\n");
        pullUntil(waiting, out, "the new file", () -> out.data().size() == 1);

        Path old = folder.getRoot().toPath().resolve("old.log");
        append(old, "before\n");
        FileSource tail = open(old, "from", "end");
        FakeSourceOutput tailed = new FakeSourceOutput();
        tail.pull(tailed, 10);
        append(old, "after\n");
        pullUntil(tail, tailed, "the appended record", () -> tailed.data().size() == 1);
        assertEquals("after\n", tailed.text());
    }

    @Test
    public void withoutDelimiterChunksAreHandedOnAsRead() throws Exception {
        Path file = folder.getRoot().toPath().resolve("blob.bin");
        Files.write(file, new byte[40]);
        FileSource source = open(file, "mode", "read", "delimiter", "", "chunk_bytes", "16", "state_file", "none");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(source, out, "the whole file", () -> out.ended().contains(0L));
        assertEquals(List.of(16L, 32L, 40L), out.data().stream().map(Item::position).toList());
    }

    @Test
    public void aStateFileWithManyFilesIsReadBackWhole() throws Exception {
        StateFile state = new StateFile(folder.getRoot().toPath().resolve("many.weir-offset"));
        List<SavedFile> files = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            files.add(new SavedFile("key-" + i, "/var/log/app.log." + i, i));
        }
        state.store(new SavedState("/var/log/app.log", files));
        assertEquals(new SavedState("/var/log/app.log", files), state.load());
    }

    @Test
    public void aCorruptStateFileFailsTheOpenNamingTheFile() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "x\n");
        Files.writeString(file.resolveSibling("app.log.weir-offset"), "files=1\nfile.0.key=k\nfile.0.path=p\n"
                + "file.0.offset=twelve\n");
        try {
            open(file);
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("app.log.weir-offset")
                    && e.getMessage().contains("file.0.offset"));
        }
    }

    @Test
    public void aFailedOpenIsRetriedFromTheSameOffsets() throws Exception {
        Path file = folder.getRoot().toPath().resolve("app.log");
        append(file, "1\n2\n");
        FileSource first = open(file, "mode", "read");
        FakeSourceOutput out = new FakeSourceOutput();
        pullUntil(first, out, "two records", () -> out.data().size() == 2);
        ackAll(first, out.data().subList(0, 1));
        first.close();

        Files.move(file, file.resolveSibling("elsewhere"));
        FileSource second = new FileSource(Configs.of(FileSourceConfig.class,
                Map.of("path", file.toString(), "mode", "read")));
        opened.add(second);
        FakeSourceContext context = new FakeSourceContext("test");
        try {
            second.open(context);
            fail("the file is missing");
        } catch (IOException expected) {
            second.close();
        }
        Files.move(file.resolveSibling("elsewhere"), file);
        second.open(context);
        FakeSourceOutput again = new FakeSourceOutput();
        pullUntil(second, again, "the unacknowledged record", () -> again.ended().size() == 1);
        assertEquals("2\n", again.text());
    }

    @Test
    public void badOptionsAreRejectedNamingTheOption() {
        assertRejected("path", Map.of());
        assertRejected("mode", Map.of("path", "/tmp/x", "mode", "sideways"));
        assertRejected("from", Map.of("path", "/tmp/x", "from", "middle"));
        assertRejected("delimiter", Map.of("path", "/tmp/x", "delimiter", "ab"));
        assertRejected("chunk_bytes", Map.of("path", "/tmp/x", "chunk_bytes", "lots"));
        assertRejected("chunk_bytes", Map.of("path", "/tmp/x", "chunk_bytes", "4"));
        assertRejected("max_in_flight", Map.of("path", "/tmp/x", "max_in_flight", "0"));
        assertRejected("poll_interval_ms", Map.of("path", "/tmp/x", "poll_interval_ms", "0"));
    }

    private static void assertRejected(String option, Map<String, Object> config) {
        try {
            new FileSource(Configs.of(FileSourceConfig.class, config));
            fail("accepted " + config);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("option " + option));
        }
    }
}
