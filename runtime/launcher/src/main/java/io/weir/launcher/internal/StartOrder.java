package io.weir.launcher.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Start levels of the system bundles, from three lists of Bundle-SymbolicNames in {@code etc/weir.properties}:
 * <ul>
 * <li>{@code weir.start.first} start at level {@value #FIRST} (logging and configuration, so every later bundle
 * logs to the configured file from its first line);</li>
 * <li>every other system bundle at level {@value #DEFAULT};</li>
 * <li>{@code weir.start.last} at level {@value #LAST} (FileInstall: plugins and configs arrive into a server that
 * is up), which is also the level plugins installed from {@code deploy/} get;</li>
 * <li>{@code weir.start.console} at level {@value #CONSOLE}, reached only after the launcher has said that Weir
 * is up, so the console prompt comes last.</li>
 * </ul>
 */
public final class StartOrder {
    public static final int FIRST = 1;
    public static final int DEFAULT = 2;
    public static final int LAST = 3;
    public static final int CONSOLE = 4;

    public static final String FIRST_KEY = "weir.start.first";
    public static final String LAST_KEY = "weir.start.last";
    public static final String CONSOLE_KEY = "weir.start.console";

    private final Set<String> first;
    private final Set<String> last;
    private final Set<String> console;

    private StartOrder(Set<String> first, Set<String> last, Set<String> console) {
        this.first = first;
        this.last = last;
        this.console = console;
    }

    /** Reads the three lists (comma-separated, blanks ignored) from the framework properties. */
    public static StartOrder from(Map<String, String> properties) {
        return new StartOrder(names(properties.get(FIRST_KEY)), names(properties.get(LAST_KEY)),
                names(properties.get(CONSOLE_KEY)));
    }

    private static Set<String> names(String list) {
        if (list == null) {
            return Set.of();
        }
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The start level of the bundle with this symbolic name (null for a bundle without one). */
    public int levelOf(String symbolicName) {
        if (symbolicName == null) {
            return DEFAULT;
        }
        if (console.contains(symbolicName)) {
            return CONSOLE;
        }
        if (first.contains(symbolicName)) {
            return FIRST;
        }
        if (last.contains(symbolicName)) {
            return LAST;
        }
        return DEFAULT;
    }
}
