package io.weir.connector.http.testing;

import java.util.List;
import java.util.stream.Collectors;

/** The live threads whose names start with a prefix. */
public final class Threads {
    private Threads() {
    }

    /** @return names of the live threads starting with {@code prefix} */
    public static List<String> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .sorted()
                .collect(Collectors.toList());
    }
}
