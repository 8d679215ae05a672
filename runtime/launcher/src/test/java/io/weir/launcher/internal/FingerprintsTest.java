package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FingerprintsTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void roundTrip() throws Exception {
        Path file = temp.getRoot().toPath().resolve("system.state");
        Map<String, String> saved = Map.of("weir:system/a.jar", "10:20", "weir:system/b b.jar", "30:40");
        Fingerprints.save(file, saved);
        assertEquals(saved, Fingerprints.load(file));
        assertTrue(Files.notExists(file.resolveSibling("system.state.tmp")));
    }

    @Test
    public void missingFileReadsEmpty() {
        assertTrue(Fingerprints.load(temp.getRoot().toPath().resolve("absent")).isEmpty());
    }

    @Test
    public void unreadableFileReadsEmpty() throws Exception {
        Path file = temp.getRoot().toPath().resolve("system.state");
        Files.writeString(file, "weir\\:system/a.jar = \\u12");
        assertTrue(Fingerprints.load(file).isEmpty());
    }
}
