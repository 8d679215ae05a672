package io.weir.example.internal.append;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AppendSinkTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static AppendSink opened(Path file, boolean fsync) throws IOException {
        AppendSink sink = new AppendSink(AppendSettings.of(file.toString(), fsync, "test.cfg"));
        sink.open(new FakeSinkContext("audit"));
        return sink;
    }

    @Test
    public void appendsEveryFrameInOrderAfterWhatTheFileHeld() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("out.jsonl");
        Files.writeString(file, "kept\n");

        AppendSink sink = opened(file, false);
        sink.write(new FakeSinkEvent("{\"n\":0}\n", "{\"n\":1}\n"));
        sink.write(new FakeSinkEvent("{\"n\":2}\n"));
        sink.flush();
        sink.close();

        assertEquals("kept\n{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n", read(file));
    }

    @Test
    public void theInstanceThatReplacesItGoesOnAppending() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("out.txt");
        AppendSink old = opened(file, false);
        old.write(new FakeSinkEvent("a"));
        old.flush();
        old.close();

        AppendSink replacement = opened(file, true);
        replacement.write(new FakeSinkEvent("b"));
        replacement.flush();
        replacement.close();

        assertEquals("ab", read(file));
    }

    @Test
    public void flushMakesWrittenFramesVisible() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("out.txt");
        AppendSink sink = opened(file, true);
        sink.write(new FakeSinkEvent("x"));

        sink.flush();

        assertEquals("x", read(file));
        sink.close();
    }

    @Test
    public void closeDropsWhatWasNotFlushed() throws Exception {
        // Unflushed events are failed by the manager and come again: writing them on close would
        // duplicate them.
        Path file = tmp.getRoot().toPath().resolve("out.txt");
        AppendSink sink = opened(file, false);
        sink.write(new FakeSinkEvent("acknowledged"));
        sink.flush();
        sink.write(new FakeSinkEvent("failed"));

        sink.close();

        assertEquals("acknowledged", read(file));
    }

    @Test
    public void createsMissingFolders() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("a/b/out.txt");

        AppendSink sink = opened(file, false);
        sink.write(new FakeSinkEvent("x"));
        sink.flush();
        sink.close();

        assertEquals("x", read(file));
    }

    @Test
    public void anEventWithoutFramesFailsWithAHint() throws Exception {
        AppendSink sink = opened(tmp.getRoot().toPath().resolve("out.txt"), false);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.write(new FakeSinkEvent()));

        assertTrue(e.getMessage(), e.getMessage().contains("'audit'") && e.getMessage().contains("codec = json"));
        sink.write(new FakeSinkEvent("still usable"));
        sink.flush();
        sink.close();
    }

    @Test
    public void aPathThatCannotBeOpenedIsNamed() throws Exception {
        Path folder = tmp.newFolder("a-folder").toPath();
        AppendSink sink = new AppendSink(AppendSettings.of(folder.toString(), false, "test.cfg"));

        IOException e = assertThrows(IOException.class, () -> sink.open(new FakeSinkContext("audit")));

        assertTrue(e.getMessage(), e.getMessage().contains("'audit'") && e.getMessage().contains(folder.toString()));
        sink.close(); // the manager closes a sink whose open failed
    }

    @Test
    public void missingPathIsRejectedByName() {
        for (String path : new String[] {null, "", "  "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new AppendSink(config(path), Map.of("felix.fileinstall.filename", "file:/etc/weir.sink.append-a.cfg")));
            assertEquals("file:/etc/weir.sink.append-a.cfg: path is required (the file to append to)", e.getMessage());
        }
    }

    @Test
    public void invalidPathIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppendSettings.of("bad\0name", false, "a.cfg"));

        assertTrue(e.getMessage(), e.getMessage().startsWith("a.cfg: path is not a valid file name"));
    }

    /** What DS hands the constructor: the component property type backed by the configuration. */
    private static AppendConfig config(String path) {
        return new AppendConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AppendConfig.class;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public boolean fsync() {
                return false;
            }
        };
    }
}
