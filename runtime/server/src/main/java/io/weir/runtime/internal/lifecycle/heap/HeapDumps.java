package io.weir.runtime.internal.lifecycle.heap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Takes a heap dump with markers on the class loaders to trace, finds their paths to GC roots, and deletes the
 * dump. The dump goes through HotSpot's diagnostic MBean by name, so nothing here needs {@code com.sun.management}
 * at compile or resolve time; another JVM answers with a clear error.
 */
public final class HeapDumps {

    private static final String HOTSPOT_DIAGNOSTIC = "com.sun.management:type=HotSpotDiagnostic";

    private HeapDumps() {
    }

    /**
     * @param loaders the class loaders to trace, by a key of the caller's; cleared references are left out
     * @param folder  where the dump is written (it is deleted afterwards)
     * @param limits  bounds of the search
     * @return per key, the lines of the path found, or a line saying why none was found
     * @throws IOException when no dump could be taken or read, with the reason
     */
    public static Map<Long, List<String>> tracePaths(Map<Long, WeakReference<ClassLoader>> loaders, Path folder,
            HeapPathFinder.Limits limits) throws IOException {
        Files.createDirectories(folder);
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long usable = Files.getFileStore(folder).getUsableSpace();
        if (usable < used + used / 5) {
            throw new IOException("not enough free disk space in " + folder + " for a heap dump: about "
                    + (used >> 20) + " MB needed, " + (usable >> 20) + " MB free");
        }
        Path file = folder.resolve("weir-leaks-" + System.currentTimeMillis() + ".hprof");
        try {
            if (mark(loaders) == 0) {
                return Map.of();
            }
            dump(file);
        } finally {
            HeapMarker.live = new HeapMarker[0];
        }
        try {
            return HeapPathFinder.trace(file, limits);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Holds the live loaders in markers for the length of the dump; a method of its own so no local keeps one. */
    private static int mark(Map<Long, WeakReference<ClassLoader>> loaders) {
        List<HeapMarker> markers = new ArrayList<>();
        loaders.forEach((key, ref) -> {
            ClassLoader loader = ref.get();
            if (loader != null) {
                markers.add(new HeapMarker(loader, key));
            }
        });
        HeapMarker.live = markers.toArray(new HeapMarker[0]);
        return markers.size();
    }

    private static void dump(Path file) throws IOException {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(HOTSPOT_DIAGNOSTIC), "dumpHeap",
                    new Object[] {file.toString(), Boolean.TRUE},
                    new String[] {String.class.getName(), boolean.class.getName()});
        } catch (JMException e) {
            throw new IOException("this JVM cannot write a heap dump (" + HOTSPOT_DIAGNOSTIC + ": " + e.getMessage()
                    + ")", e);
        } catch (RuntimeException e) {
            throw new IOException("the heap dump to " + file + " failed: " + e.getMessage(), e);
        }
    }
}
