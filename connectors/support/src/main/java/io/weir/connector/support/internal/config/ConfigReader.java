package io.weir.connector.support.internal.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads and checks a connector instance's options so that every problem names the option and where
 * it came from: DS converts a value only when the component calls its method on the property type,
 * and its own error would name neither.
 *
 * <p>A message reads {@code <origin>: <key> <problem>} when the reader has the component's
 * properties (the origin is the configuration file, or the PID), and {@code <connector> option
 * <key> <problem>} when it only knows the connector.
 */
public final class ConfigReader {
    /** Set by FileInstall on every configuration it creates from a file in {@code etc/}. */
    static final String FILE_NAME = "felix.fileinstall.filename";

    private final String origin;
    /** What stands before the key in every message. */
    private final String subject;
    /** The raw properties; null when only the connector is known. */
    private final Map<String, Object> properties;

    /** @param properties the component's properties, as DS hands them to its constructor */
    public ConfigReader(Map<String, Object> properties) {
        Object file = properties.get(FILE_NAME);
        Object pid = properties.get("service.pid");
        this.origin = file != null ? file.toString() : pid != null ? pid.toString() : "configuration";
        this.subject = origin + ": ";
        this.properties = properties;
    }

    /**
     * For a component that receives only its property type, not the raw properties.
     *
     * @param connector the connector, for messages, for example {@code "file source"} or {@code "tcp_server"}
     */
    public ConfigReader(String connector) {
        this.origin = connector;
        this.subject = connector + " option ";
        this.properties = null;
    }

    /** @return the configuration file, else the PID, else the connector this reader was made for */
    public String origin() {
        return origin;
    }

    /**
     * Reads one option.
     *
     * @param key    the option's name, for the message
     * @param getter reads it, converting it to its type
     * @param <T>    its type
     * @return the value
     * @throws IllegalArgumentException naming the key when the value cannot be converted
     */
    public <T> T read(String key, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(subject + key + " has a value of the wrong type (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * @param key an option's name
     * @return whether the configuration sets it (options without a sensible default are required)
     * @throws IllegalStateException when this reader was made without the properties
     */
    public boolean has(String key) {
        return properties().get(key) != null;
    }

    /**
     * Collects the options whose key starts with {@code prefix}, for open-ended groups such as
     * {@code header.<name> = value}.
     *
     * @param prefix the common start of the keys, for example {@code "header."}
     * @return the rest of each key mapped to its value as text, in no particular order
     * @throws IllegalStateException when this reader was made without the properties
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : properties().entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue() != null) {
                found.put(e.getKey().substring(prefix.length()), e.getValue().toString());
            }
        }
        return found;
    }

    /** @return the trimmed value of a text option that must not be blank */
    public String required(String key, Supplier<String> getter) {
        String value = read(key, getter);
        if (value == null || value.isBlank()) {
            throw invalid(key, "is required");
        }
        return value.trim();
    }

    /** @return the trimmed, lower-case value of an option that must be one of {@code allowed} */
    public String oneOf(String key, Supplier<String> getter, String... allowed) {
        String value = required(key, getter).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw invalid(key, "must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
    }

    /** @return the value of a numeric option that must be set and lie within [min, max] */
    public long range(String key, Supplier<? extends Number> getter, long min, long max) {
        Number value = read(key, getter);
        if (value == null) {
            throw invalid(key, "is required");
        }
        return range(key, value.longValue(), min, max, "");
    }

    /**
     * @param key   the option
     * @param value its value
     * @param min   smallest allowed
     * @param max   largest allowed
     * @param unit  what the number counts, for the message (for example "bytes"); may be empty
     * @return {@code value}
     * @throws IllegalArgumentException naming the key when out of range
     */
    public long range(String key, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max + (unit.isEmpty() ? "" : " " + unit)
                    + ", was " + value);
        }
        return value;
    }

    /** Same as {@link #range(String, long, long, long, String)} for an {@code int}. */
    public int range(String key, int value, int min, int max, String unit) {
        return (int) range(key, (long) value, min, max, unit);
    }

    /**
     * @param key the option
     * @param why what is wrong, as the rest of a sentence whose subject is the option ("is required when ...")
     * @return an exception naming the option, for checks the methods above do not cover
     */
    public IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException(subject + key + " " + why);
    }

    private Map<String, Object> properties() {
        if (properties == null) {
            throw new IllegalStateException("this reader for " + origin + " was made without the properties");
        }
        return properties;
    }
}
