package io.weir.pipeline.internal.graph;

import java.util.Set;
import java.util.regex.Pattern;

/** The rules for node and port names, shared by the compiler and the operators that name ports. */
public final class Names {
    /** The port a node emits to by default and the usual pipeline output. */
    public static final String OUT = "out";
    /** The error port of every node and the pipeline output that always exists. */
    public static final String ERR = "err";
    /** The usual pipeline input. */
    public static final String IN = "in";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*");
    /** Counter names of a node, which its ports must not shadow. */
    private static final Set<String> COUNTER_NAMES = Set.of("in", "dropped", "failed", "thrown");

    private Names() {
    }

    /** @return whether {@code name} is a valid node or port name */
    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Checks a node's output port name.
     *
     * @param key  the configuration key the name came from, for the message
     * @param port the port name
     * @return the port name
     * @throws IllegalArgumentException naming the key if the name is not valid
     */
    public static String checkPort(String key, String port) {
        if (!valid(port)) {
            throw new IllegalArgumentException(key + ": '" + port
                    + "' is not a valid port name (letters, digits, '_' and inner '-')");
        }
        if (COUNTER_NAMES.contains(port)) {
            throw new IllegalArgumentException(key + ": '" + port
                    + "' cannot name a port: in, dropped, failed and thrown are the names of a node's counters");
        }
        return port;
    }
}
