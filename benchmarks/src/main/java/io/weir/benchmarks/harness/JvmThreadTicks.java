package io.weir.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The CPU time a JVM spent compiling and collecting garbage, from its threads in {@code /proc/<pid>/task}:
 * the part of a run's CPU that is not the server's own work. In a run of a few seconds the JIT compiler is a
 * large share of it (docs/benchmarks.md). A thread that ended keeps counting with its last reading, so the
 * totals only grow although HotSpot starts and stops compiler threads as it needs them.
 */
final class JvmThreadTicks {
    /** What a thread does, told from its name. */
    enum Kind {
        /** HotSpot's C1 and C2 compiler threads ({@code C2 CompilerThread0}, cut to 15 characters by Linux). */
        JIT,
        /** G1's and the parallel collector's threads ({@code GC Thread#0}, {@code G1 Conc#0}, {@code G1 Refine#0}...). */
        GC,
        /** Everything else: the server's own threads, and the JVM's that are neither. */
        OTHER;

        /**
         * @param name a thread's name as {@code /proc/<pid>/task/<tid>/comm} gives it
         * @return what the thread does
         */
        static Kind of(String name) {
            if (name.contains("CompilerThre")) {
                return JIT;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                return GC;
            }
            return OTHER;
        }
    }

    /** One thread's reading: what it does and the CPU ticks it used so far. */
    record Reading(Kind kind, long ticks) {
    }

    /** The names read so far, by thread id. */
    private final Map<Long, Kind> kinds = new HashMap<>();
    private final Map<Long, Reading> last = new HashMap<>();
    private final long[] ended = new long[Kind.values().length];

    /**
     * Takes one reading.
     *
     * @param now every JIT and GC thread alive now, by thread id; a thread missing from it ended
     */
    void update(Map<Long, Reading> now) {
        for (Map.Entry<Long, Reading> thread : last.entrySet()) {
            if (!now.containsKey(thread.getKey())) {
                ended[thread.getValue().kind().ordinal()] += thread.getValue().ticks();
            }
        }
        last.clear();
        last.putAll(now);
    }

    /**
     * @param kind JIT or GC
     * @return the CPU ticks the threads of that kind used so far, ended threads included
     */
    long ticks(Kind kind) {
        long sum = ended[kind.ordinal()];
        for (Reading thread : last.values()) {
            if (thread.kind() == kind) {
                sum += thread.ticks();
            }
        }
        return sum;
    }

    /**
     * Reads the process's threads: the name of a thread not seen before, then the CPU time of every JIT and GC
     * thread. Other threads cost one directory entry each.
     *
     * @param pid the JVM
     * @throws IOException when the process is gone
     */
    void read(long pid) throws IOException {
        Map<Long, Reading> now = new HashMap<>();
        Set<Long> alive = new HashSet<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                long tid = Long.parseLong(task.getFileName().toString());
                alive.add(tid);
                try {
                    Kind kind = kinds.get(tid);
                    if (kind == null) {
                        kind = Kind.of(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim());
                        kinds.put(tid, kind);
                    }
                    if (kind != Kind.OTHER) {
                        String[] fields = Proc.parseStat(Files.readString(task.resolve("stat"),
                                StandardCharsets.US_ASCII));
                        now.put(tid, new Reading(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                    }
                } catch (IOException e) {
                    // The thread ended while being read: it is counted with its last reading.
                    alive.remove(tid);
                }
            }
        }
        update(now);
        kinds.keySet().retainAll(alive);
    }
}
