package io.weir.example.internal.config;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a component's configuration so that every problem names the file (or PID) and the key: DS
 * converts a value only when the component asks for it, and its own error would name neither.
 */
public final class ConfigReader {
    /** Set by FileInstall on every configuration it creates from a file in {@code etc/}. */
    static final String FILE_NAME = "felix.fileinstall.filename";

    private final String origin;

    /** @param properties the component's properties, as DS hands them to its constructor */
    public ConfigReader(Map<String, Object> properties) {
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
}
