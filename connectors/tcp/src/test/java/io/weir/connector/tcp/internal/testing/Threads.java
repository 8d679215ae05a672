package io.weir.connector.tcp.internal.testing;

import java.util.List;

/** Finds live threads by name prefix, to prove a connector ended the threads it started. */
public final class Threads {
    private Threads() {
    }

    public static List<String> alive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }
}
