package io.weir.pipeline.internal.option;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the options of one codec, processor or operator. Values may arrive typed (from a
 * {@code .config} file or code) or as strings (from a {@code .cfg} file), so numbers and booleans
 * are parsed leniently; anything invalid becomes an {@link IllegalArgumentException} whose message
 * names the owner and the option, for example
 * {@code separate: option 'max_length' must be a positive integer, got 'abc'}.
 */
public final class Options {
    private final String owner;
    private final Map<String, Object> values;

    private Options(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = values;
    }

    /**
     * @param owner  the name shown in messages, for example {@code "separate"}
     * @param values the options as configured; null means none
     * @param known  every option the owner understands; any other key is rejected, so that a
     *               misspelt option is reported instead of silently ignored
     * @return the options
     * @throws IllegalArgumentException naming the first unknown option
     */
    public static Options of(String owner, Map<String, Object> values, String... known) {
        Map<String, Object> present = values == null ? Collections.emptyMap() : values;
        List<String> allowed = Arrays.asList(known);
        for (String key : new TreeSet<>(present.keySet())) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(owner + ": unknown option '" + key + "'"
                        + (allowed.isEmpty() ? " (it takes no options)" : " (known options: " + String.join(", ", allowed) + ")"));
            }
        }
        return new Options(owner, present);
    }

    /** @return whether the option is set (to a non-null, non-blank value) */
    public boolean has(String key) {
        Object value = values.get(key);
        return value != null && !(value instanceof String && ((String) value).isBlank());
    }

    /** @return the option as a trimmed string, or {@code fallback} when it is not set */
    public String string(String key, String fallback) {
        return has(key) ? String.valueOf(values.get(key)).trim() : fallback;
    }

    /**
     * @return the option, which must be one of {@code allowed} (compared ignoring case), in lower
     *         case; {@code fallback} when it is not set
     */
    public String choice(String key, String fallback, String... allowed) {
        if (!has(key)) {
            if (fallback == null) {
                throw invalid(key, "is required (one of " + String.join(", ", allowed) + ")", null);
            }
            return fallback;
        }
        String given = string(key, null).toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(given)) {
                return candidate;
            }
        }
        throw invalid(key, "must be one of " + String.join(", ", allowed), values.get(key));
    }

    /** @return the option as a boolean (true/false, yes/no, on/off, 1/0), or {@code fallback} */
    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = values.get(key);
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw invalid(key, "must be true or false", value);
        }
    }

    /** @return the option as an integer of at least 1, or {@code fallback} when it is not set */
    public int positiveInt(String key, int fallback) {
        return intBetween(key, fallback, 1, Integer.MAX_VALUE, "a positive integer");
    }

    /** @return the option as an integer of at least 1; it must be set */
    public int requiredPositiveInt(String key) {
        if (!has(key)) {
            throw invalid(key, "is required (a positive integer)", null);
        }
        return positiveInt(key, 1);
    }

    /** @return the option as an integer within [min, max], or {@code fallback} when not set */
    public int intInRange(String key, int fallback, int min, int max) {
        return intBetween(key, fallback, min, max, "an integer from " + min + " to " + max);
    }

    private int intBetween(String key, int fallback, int min, int max, String expectation) {
        if (!has(key)) {
            return fallback;
        }
        Object value = values.get(key);
        long parsed;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            parsed = ((Number) value).longValue();
        } else if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw invalid(key, "must be " + expectation, value);
            }
            parsed = (long) d;
        } else {
            String text = String.valueOf(value).trim().replace("_", "");
            try {
                parsed = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(key, "must be " + expectation, value);
            }
        }
        if (parsed < min || parsed > max) {
            throw invalid(key, "must be " + expectation, value);
        }
        return (int) parsed;
    }

    /**
     * Reads a one-byte separator: a single ASCII character ({@code |}, a real tab or newline) or
     * an escape ({@code \n}, {@code \r}, {@code \t}, {@code \0}, {@code \\}, {@code \xHH}).
     *
     * @return the byte, or {@code fallback} when the option is not set
     */
    public byte singleByte(String key, byte fallback) {
        Object value = values.get(key);
        if (value == null || (value instanceof String && ((String) value).isEmpty())) {
            return fallback;
        }
        if (value instanceof Number) {
            long n = ((Number) value).longValue();
            if (n >= 0 && n <= 255 && ((Number) value).doubleValue() == n) {
                return (byte) n;
            }
            throw invalid(key, "must be a single byte (a character such as '|', or an escape such as \\n, \\t, \\0 or \\xHH)", value);
        }
        String text = String.valueOf(value);
        Integer parsed = parseByte(text);
        if (parsed == null) {
            throw invalid(key, "must be a single byte (a character such as '|', or an escape such as \\n, \\t, \\0 or \\xHH)", value);
        }
        return (byte) (int) parsed;
    }

    /**
     * Reads a single character, with the same escapes as {@link #singleByte}; used for CSV
     * separators and quotes. Only ASCII is accepted, since the CSV parser works on bytes.
     */
    public char singleChar(String key, char fallback) {
        int b = singleByte(key, (byte) fallback) & 0xFF;
        if (b > 0x7F) {
            throw invalid(key, "must be a single ASCII character", values.get(key));
        }
        return (char) b;
    }

    private static Integer parseByte(String text) {
        if (text.length() == 1) {
            char c = text.charAt(0);
            return c <= 0x7F ? Integer.valueOf(c) : null;
        }
        if (text.length() < 2 || text.charAt(0) != '\\') {
            return null;
        }
        if (text.length() == 2) {
            switch (text.charAt(1)) {
                case 'n': return (int) '\n';
                case 'r': return (int) '\r';
                case 't': return (int) '\t';
                case '0': return 0;
                case '\\': return (int) '\\';
                default: return null;
            }
        }
        if (text.length() == 4 && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            int hi = Character.digit(text.charAt(2), 16);
            int lo = Character.digit(text.charAt(3), 16);
            return hi < 0 || lo < 0 ? null : hi * 16 + lo;
        }
        return null;
    }

    /**
     * @return an exception saying that {@code key} {@code expectation}, showing the given value
     */
    public IllegalArgumentException invalid(String key, String expectation, Object given) {
        String shown = given == null ? "" : ", got '" + printable(String.valueOf(given)) + "'";
        return new IllegalArgumentException(owner + ": option '" + key + "' " + expectation + shown);
    }

    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return text.length() > 80 ? b.append("...").toString() : b.toString();
    }
}
