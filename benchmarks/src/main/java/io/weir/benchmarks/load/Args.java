package io.weir.benchmarks.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options: {@code --name value}, {@code --flag}, and positional words; unknown options
 * and missing values get a message naming them.
 */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param args   the command line
     * @param valued the options that take a value
     * @param flags  the options that take none
     * @throws IllegalArgumentException for an unknown option or one without a value
     */
    public Args(String[] args, List<String> valued, List<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (flags.contains(arg)) {
                this.flags.add(arg);
            } else if (valued.contains(arg)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                values.put(arg, args[++i]);
            } else if (arg.startsWith("--")) {
                List<String> all = new ArrayList<>(valued);
                all.addAll(flags);
                throw new IllegalArgumentException("unknown option '" + arg + "'; the options are " + all);
            } else {
                positional.add(arg);
            }
        }
    }

    /**
     * Options with values only, no positional words.
     *
     * @param args  the command line
     * @param known the option names accepted
     */
    public Args(String[] args, String... known) {
        this(args, List.of(known), List.of());
        if (!positional.isEmpty()) {
            throw new IllegalArgumentException("unexpected '" + positional.get(0) + "'; the options are " + List.of(known));
        }
    }

    /** @return the words that are not options, in order */
    public List<String> positional() {
        return positional;
    }

    /**
     * @param name a flag
     * @return whether it was given
     */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /**
     * @param name     the option
     * @param fallback its default, null when it is required
     * @return its value
     */
    public String text(String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("option " + name + " is required");
        }
        return value;
    }

    /**
     * @param name     the option
     * @param fallback its default; below {@code min} means required
     * @param min      the smallest value allowed
     * @param max      the largest value allowed
     * @return its value
     */
    public long number(String name, long fallback, long min, long max) {
        String text = values.get(name);
        if (text == null) {
            if (fallback < min) {
                throw new IllegalArgumentException("option " + name + " is required");
            }
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("option " + name + " must be " + min + " to " + max + ", got " + text);
        }
        return value;
    }
}
