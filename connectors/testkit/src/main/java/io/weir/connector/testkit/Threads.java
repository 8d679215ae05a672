package io.weir.connector.testkit;

import java.util.List;

/** Finds live threads by name, to prove a connector ended the threads it started. */
public final class Threads {
    private Threads() {
    }

    /** @return the names of the live threads that start with {@code prefix}, sorted */
    public static List<String> alive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    /** @return whether a live thread has exactly this name */
    public static boolean isAlive(String name) {
        return alive(name).contains(name);
    }
}
