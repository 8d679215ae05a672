package io.weir.launcher.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Recovery from a framework cache that the framework cannot start from (a crash mid-write, a disk error, a cache
 * written by an incompatible framework). The cache holds nothing that cannot be rebuilt: system bundles come from
 * {@code system/}, plugins from {@code deploy/}, configurations from {@code etc/}. So the launcher clears it
 * once, says so in one line, and starts again; a second failure is not the cache's fault and is reported.
 */
public final class CacheRecovery {
    /** What to do after the framework failed to initialise or start. */
    public enum Action {
        /** Delete the cache and try once more from an empty one. */
        CLEAR_AND_RETRY,
        /** Report the failure and exit. */
        GIVE_UP
    }

    private CacheRecovery() {
    }

    /**
     * @param cacheHadContent whether the failed attempt started from an existing, non-empty cache
     * @param alreadyCleared  whether the cache was already cleared during this launch
     */
    public static Action decide(boolean cacheHadContent, boolean alreadyCleared) {
        return cacheHadContent && !alreadyCleared ? Action.CLEAR_AND_RETRY : Action.GIVE_UP;
    }

    /**
     * True when the failure is the cache's lock: another process (one that does not take {@code weir.lock}) uses
     * the cache. Clearing it then would pull the ground from under that process, so the launcher refuses instead.
     */
    public static boolean isInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.OverlappingFileLockException
                    || (t.getMessage() != null && t.getMessage().contains("Unable to lock bundle cache"))) {
                return true;
            }
        }
        return false;
    }

    /** True when the folder exists and holds anything. */
    public static boolean hasContent(Path cache) {
        if (!Files.isDirectory(cache)) {
            return Files.exists(cache);
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    /** The one line the operator sees. */
    public static String notice(Path cache, Throwable failure) {
        return "framework cache " + cache + " could not be used (" + LaunchException.oneLine(rootCause(failure))
                + "); cleared it and starting from an empty cache";
    }

    static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Deletes the cache folder (or a file in its place) and everything under it. */
    public static void clear(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return;
        }
        if (!Files.isDirectory(cache)) {
            Files.delete(cache);
            return;
        }
        Files.walkFileTree(cache, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
