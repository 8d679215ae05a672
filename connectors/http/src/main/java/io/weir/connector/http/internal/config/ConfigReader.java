package io.weir.connector.http.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a component's configuration so that every problem names the file (or PID) and the key: DS
 * converts a value only when the component asks for it, and its own error would name neither.
 */
public final class ConfigReader {
    /** Set by FileInstall on every configuration it creates from a file in {@code etc/}. */
    static final String FILE_NAME = "felix.fileinstall.filename";

    private final Map<String, Object> properties;
    private final String origin;

    /** @param properties the component's properties, as DS hands them to its constructor */
    public ConfigReader(Map<String, Object> properties) {
        this.properties = properties;
        Object file = properties.get(FILE_NAME);
        Object pid = properties.get("service.pid");
        this.origin = file != null ? file.toString() : pid != null ? pid.toString() : "configuration";
    }

    /** @return the configuration file, or the PID when it did not come from a file */
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
     * @throws IllegalArgumentException naming the origin and the key when the value cannot be converted
     */
    public <T> T read(String key, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(origin + ": " + key + " has a value of the wrong type (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * @param key an option's name
     * @return whether the configuration sets it (options without a sensible default are required)
     */
    public boolean has(String key) {
        return properties.get(key) != null;
    }

    /**
     * Collects the options whose key starts with {@code prefix}, for open-ended groups such as
     * {@code header.<name> = value}.
     *
     * @param prefix the common start of the keys, for example {@code "header."}
     * @return the rest of each key mapped to its value as text, in no particular order
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue() != null) {
                found.put(e.getKey().substring(prefix.length()), e.getValue().toString());
            }
        }
        return found;
    }
}
