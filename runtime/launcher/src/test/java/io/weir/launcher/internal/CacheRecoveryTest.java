package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CacheRecoveryTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void clearsAnExistingCacheOnceOnly() {
        assertEquals(CacheRecovery.Action.CLEAR_AND_RETRY, CacheRecovery.decide(true, false));
        assertEquals(CacheRecovery.Action.GIVE_UP, CacheRecovery.decide(true, true));
    }

    @Test
    public void anEmptyCacheIsNotTheCulprit() {
        assertEquals(CacheRecovery.Action.GIVE_UP, CacheRecovery.decide(false, false));
    }

    @Test
    public void aLockedCacheIsInUseNotBroken() {
        assertTrue(CacheRecovery.isInUse(new RuntimeException("Error creating bundle cache.",
                new Exception("Unable to lock bundle cache: java.nio.channels.OverlappingFileLockException"))));
        assertTrue(CacheRecovery.isInUse(new Exception(new java.nio.channels.OverlappingFileLockException())));
        assertFalse(CacheRecovery.isInUse(new Exception("Unable to create bundle cache lock file: Not a directory")));
    }

    @Test
    public void contentDetection() throws Exception {
        Path cache = temp.getRoot().toPath().resolve("cache");
        assertFalse(CacheRecovery.hasContent(cache));
        Files.createDirectory(cache);
        assertFalse(CacheRecovery.hasContent(cache));
        Files.writeString(cache.resolve("cache.lock"), "");
        assertTrue(CacheRecovery.hasContent(cache));
    }

    @Test
    public void aFileInPlaceOfTheFolderCountsAsContentAndIsCleared() throws Exception {
        Path cache = temp.getRoot().toPath().resolve("cache");
        Files.writeString(cache, "junk");
        assertTrue(CacheRecovery.hasContent(cache));
        CacheRecovery.clear(cache);
        assertTrue(Files.notExists(cache));
    }

    @Test
    public void clearRemovesTheWholeTree() throws Exception {
        Path cache = temp.getRoot().toPath().resolve("cache");
        Files.createDirectories(cache.resolve("bundle1/version0.0"));
        Files.writeString(cache.resolve("bundle1/version0.0/bundle.jar"), "x");
        Files.writeString(cache.resolve("bundle1/bundle.info"), "1");
        CacheRecovery.clear(cache);
        assertTrue(Files.notExists(cache));
        CacheRecovery.clear(cache);
    }

    @Test
    public void noticeNamesTheCacheAndTheRootCause() {
        Exception failure = new RuntimeException("wrapper", new IOException("disk says no\nsecond line"));
        String notice = CacheRecovery.notice(Path.of("/data/cache"), failure);
        assertEquals("framework cache /data/cache could not be used (disk says no); cleared it and starting from an empty cache",
                notice);
    }
}
