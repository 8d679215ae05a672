package io.weir.connector.udp.internal.config;

import java.util.function.Supplier;

/**
 * Reads options from a component property type with messages that name the option. DS converts
 * configuration values lazily, so a value that is not a number fails only when its method is called.
 */
public final class Options {
    private final String connector;

    /** @param connector the connector type, for messages, for example {@code "udp"} */
    public Options(String connector) {
        this.connector = connector;
    }

    /**
     * @param name   the option's name in the configuration file
     * @param getter the property type's method
     * @return the value
     * @throws IllegalArgumentException naming the option when the value cannot be converted
     */
    public <T> T get(String name, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(connector + " option " + name + ": cannot read the value ("
                    + e.getMessage() + ")", e);
        }
    }

    /** @return the value of a numeric option that must lie within [min, max] */
    public long range(String name, Supplier<? extends Number> getter, long min, long max) {
        Number value = get(name, getter);
        if (value == null) {
            throw new IllegalArgumentException(connector + " option " + name + " is required");
        }
        long v = value.longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException(connector + " option " + name + " must be between " + min + " and "
                    + max + ", got " + v);
        }
        return v;
    }

    /** @return the trimmed value of a text option that must not be blank */
    public String required(String name, Supplier<String> getter) {
        String value = get(name, getter);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(connector + " option " + name + " is required");
        }
        return value.trim();
    }

    /** @return the trimmed, lower-case value of an option that must be one of {@code allowed} */
    public String oneOf(String name, Supplier<String> getter, String... allowed) {
        String value = required(name, getter).toLowerCase(java.util.Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(connector + " option " + name + " must be one of "
                + String.join(", ", allowed) + ", got '" + value + "'");
    }

    /** @return an exception naming the option, for checks the methods above do not cover */
    public IllegalArgumentException invalid(String name, String why) {
        return new IllegalArgumentException(connector + " option " + name + ": " + why);
    }
}
