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
 * The CPU time a JVM spent compiling and collecting garbage, from its threads in {@code /proc/<pid>/task}. In a
 * run of a few seconds the JIT compiler takes a large share of the CPU (docs/benchmarks.md). A thread that ended
 * keeps counting with its last reading, so the totals only grow although HotSpot starts and stops compiler
 * threads as it needs them. The garbage collector's figure counts its worker threads: the parts of a pause that
 * run in the {@code VM Thread}, and all of the serial collector's work, are not in it.
 */
final class JvmThreadTicks {
    /** What a thread does, told from its name. */
    enum Kind {
        /**
         * HotSpot's C1 and C2 compiler threads ({@code C2 CompilerThread0}, cut to 15 characters by Linux) and
         * JVMCI's ({@code JVMCI CompilerThread0}, {@code JVMCI-native CompilerThread0}).
         */
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
            if (name.contains("CompilerThre") || name.startsWith("JVMCI")) {
                return JIT;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                return GC;
            }
            return OTHER;
        }
    }

    /**
     * One thread's reading.
     *
     * @param kind    what it does
     * @param started when it started, in clock ticks after boot: a thread id Linux gave to a new thread is a new
     *                thread
     * @param ticks   the CPU ticks it used so far
     */
    record Reading(Kind kind, long started, long ticks) {
    }

    /** What the threads seen in two readings in a row do, by thread id. */
    private final Map<Long, Kind> kinds = new HashMap<>();
    /** Threads seen once: a new thread may still carry its creator's name. */
    private final Set<Long> seenOnce = new HashSet<>();
    private final Map<Long, Reading> last = new HashMap<>();
    private final long[] ended = new long[Kind.values().length];

    /**
     * Takes one reading.
     *
     * @param now every JIT and GC thread alive now, by thread id; a thread missing from it, or under its id with
     *            another start time, ended
     */
    void update(Map<Long, Reading> now) {
        for (Map.Entry<Long, Reading> thread : last.entrySet()) {
            Reading then = thread.getValue();
            Reading next = now.get(thread.getKey());
            if (next == null || next.started() != then.started()) {
                ended[then.kind().ordinal()] += then.ticks();
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
     * @param kind JIT or GC
     * @return how many threads of that kind the last reading found
     */
    int threads(Kind kind) {
        return (int) last.values().stream().filter(thread -> thread.kind() == kind).count();
    }

    /**
     * Reads the process's threads: the name of a thread not known yet, then the CPU time of every JIT and GC
     * thread. A thread that is neither costs a directory entry per reading once it was seen twice.
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
                try {
                    Kind kind = kinds.get(tid);
                    if (kind == null) {
                        // Linux cuts names at 15 bytes, which can split a character: read them byte for byte.
                        kind = Kind.of(Files.readString(task.resolve("comm"), StandardCharsets.ISO_8859_1).trim());
                        if (kind != Kind.OTHER || !seenOnce.add(tid)) {
                            kinds.put(tid, kind);
                        }
                    }
                    if (kind != Kind.OTHER) {
                        String[] fields = Proc.parseStat(Files.readString(task.resolve("stat"),
                                StandardCharsets.US_ASCII));
                        now.put(tid, new Reading(kind, Long.parseLong(fields[19]),
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                    }
                    alive.add(tid);
                } catch (IOException e) {
                    // The thread ended while being read: it is counted with its last reading.
                }
            }
        }
        update(now);
        kinds.keySet().retainAll(alive);
        seenOnce.retainAll(alive);
    }
}
