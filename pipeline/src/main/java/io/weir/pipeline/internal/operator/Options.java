package io.weir.pipeline.internal.operator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weir.api.operator.OperatorContext;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.expr.Expressions;

/**
 * Reads one node's options and reports problems with the full key ({@code node.<name>.<option>}).
 * Values come from FileInstall as Strings, or String arrays from typed configuration files; other
 * scalars are taken as their text. {@link #done()} rejects options nobody asked for, so a typo is an
 * error instead of a silently ignored setting.
 */
final class Options {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");

    private final String type;
    private final String node;
    private final Map<String, Object> raw;
    private final Set<String> used = new HashSet<>();

    Options(String type, OperatorContext context, Map<String, Object> raw) {
        this.type = type;
        this.node = context.name();
        this.raw = raw;
    }

    /** @return the full configuration key of an option */
    String key(String option) {
        return "node." + node + "." + option;
    }

    /** @return the node's name */
    String node() {
        return node;
    }

    IllegalArgumentException error(String option, String message) {
        return new IllegalArgumentException(key(option) + ": " + message);
    }

    /** @return the option's text, trimmed, or null when it is not set */
    String text(String option) {
        used.add(option);
        Object value = raw.get(option);
        if (value == null) {
            return null;
        }
        if (value instanceof String[]) {
            String[] values = (String[]) value;
            if (values.length != 1) {
                throw error(option, "expected one value, got " + values.length);
            }
            value = values[0];
        }
        return value.toString().trim();
    }

    String text(String option, String defaultValue) {
        String text = text(option);
        return text == null ? defaultValue : text;
    }

    String required(String option, String example) {
        String text = text(option);
        if (text == null || text.isEmpty()) {
            throw error(option, "missing; for example " + key(option) + " = " + example);
        }
        return text;
    }

    /** @return a comma-separated list (or the elements of an array), trimmed, empty when not set */
    List<String> list(String option) {
        used.add(option);
        Object value = raw.get(option);
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        String[] parts = value instanceof String[] ? (String[]) value : new String[] {value.toString()};
        for (String part : parts) {
            for (String item : part.split(",")) {
                if (!item.trim().isEmpty()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    /** @return a list that must not be empty */
    List<String> requiredList(String option, String example) {
        List<String> items = list(option);
        if (items.isEmpty()) {
            throw error(option, "missing; for example " + key(option) + " = " + example);
        }
        return items;
    }

    /** @return a whole number of at least {@code min} */
    long number(String option, long defaultValue, long min) {
        String text = text(option);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(option, "'" + text + "' is not a whole number");
        }
        if (value < min) {
            throw error(option, value + " is too small; the least is " + min);
        }
        return value;
    }

    /** @return a duration such as {@code 500ms}, {@code 1.5s}, {@code 2m}, in nanoseconds; at least 1 ms */
    long duration(String option, long defaultNanos) {
        String text = text(option);
        if (text == null) {
            return defaultNanos;
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw error(option, "'" + text + "' is not a duration; write a number and a unit: ns, us, ms, s, m "
                    + "or h, for example 500ms");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double unit;
        switch (matcher.group(2)) {
            case "ns":
                unit = 1;
                break;
            case "us":
                unit = 1e3;
                break;
            case "ms":
                unit = 1e6;
                break;
            case "s":
                unit = 1e9;
                break;
            case "m":
                unit = 60e9;
                break;
            default:
                unit = 3600e9;
                break;
        }
        double nanos = amount * unit;
        if (nanos < 1e6 || nanos > 365 * 24 * 3600e9) {
            throw error(option, "'" + text + "' is out of range; give between 1ms and 365 days");
        }
        return (long) nanos;
    }

    Expression expression(String option, String example) {
        return Expressions.compile(key(option), required(option, example));
    }

    /**
     * Options under a prefix, such as {@code set.level} and {@code set.http.status} for
     * {@code set}: the rest of the key to the text, sorted by key.
     */
    SortedMap<String, String> prefixed(String prefix) {
        SortedMap<String, String> found = new TreeMap<>();
        for (String option : raw.keySet()) {
            if (option.startsWith(prefix + ".") && option.length() > prefix.length() + 1) {
                found.put(option.substring(prefix.length() + 1), text(option));
            }
        }
        return found;
    }

    /** Rejects the options that were never read. */
    void done() {
        Set<String> unknown = new TreeSet<>(raw.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            List<String> rest = new ArrayList<>(unknown);
            String first = rest.remove(0);
            throw error(first, "unknown option for a " + type + " node"
                    + (rest.isEmpty() ? "" : " (also unknown: " + String.join(", ", rest) + ")"));
        }
    }
}
