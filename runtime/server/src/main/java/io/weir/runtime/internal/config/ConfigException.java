package io.weir.runtime.internal.config;

/**
 * A configuration value is wrong. The message starts with the key at fault, so that together with
 * the file name an operator finds the line at once: {@code batch.size: expected a whole number ...}.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key     the key at fault
     * @param problem what is wrong with it and, where possible, what would be right
     */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** @return the key at fault */
    public String key() {
        return key;
    }
}
