package io.weir.benchmarks.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the form {@code --name value}, with clear messages for the wrong ones. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    /**
     * @param args  the command line
     * @param known the option names accepted
     * @throws IllegalArgumentException for an unknown option or one without a value
     */
    public Args(String[] args, String... known) {
        List<String> names = List.of(known);
        for (int i = 0; i < args.length; i++) {
            if (!names.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; the options are " + names);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(args[i], args[++i]);
        }
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
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value < min || value > max) {
                throw new IllegalArgumentException("option " + name + " must be " + min + " to " + max + ", got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, got '" + text + "'");
        }
    }
}
