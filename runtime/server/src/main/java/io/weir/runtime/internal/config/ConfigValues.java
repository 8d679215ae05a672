package io.weir.runtime.internal.config;

import java.lang.reflect.Array;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads typed values from configuration properties as ConfigAdmin hands them over: FileInstall's
 * {@code .cfg} files give strings, {@code .config} files and the API may give numbers and arrays.
 * Every error names the key.
 */
public final class ConfigValues {
    /** The property FileInstall adds to every configuration it creates from a file. */
    public static final String FILE = "felix.fileinstall.filename";

    private ConfigValues() {
    }

    /**
     * @param props the properties
     * @param key   the key
     * @return the trimmed text, or {@code null} when absent or blank
     */
    public static String text(Map<String, ?> props, String key) {
        Object value = props.get(key);
        if (value == null) {
            return null;
        }
        if (value.getClass().isArray() || value instanceof Collection) {
            List<String> items = list(props, key);
            return items.isEmpty() ? null : String.join(", ", items);
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }

    /**
     * A list: a comma-separated string, an array or a collection.
     *
     * @param props the properties
     * @param key   the key
     * @return the trimmed, non-empty items; empty when absent
     */
    public static List<String> list(Map<String, ?> props, String key) {
        Object value = props.get(key);
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                addSplit(items, String.valueOf(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> collection) {
            for (Object item : collection) {
                addSplit(items, String.valueOf(item));
            }
        } else {
            addSplit(items, String.valueOf(value));
        }
        return items;
    }

    private static void addSplit(List<String> items, String text) {
        for (String part : text.split(",")) {
            String item = part.trim();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
    }

    /**
     * A whole number within bounds.
     *
     * @param props        the properties
     * @param key          the key
     * @param defaultValue used when the key is absent or blank
     * @param min          smallest allowed
     * @param max          largest allowed
     * @return the value
     * @throws ConfigException when it is not a whole number or out of bounds
     */
    public static long number(Map<String, ?> props, String key, long defaultValue, long min, long max) {
        Object value = props.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            return defaultValue;
        }
        long number;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else {
            String text = String.valueOf(value).trim().replace("_", "");
            try {
                number = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "expected a whole number from " + min + " to " + max + ", got \""
                        + value + "\"");
            }
        }
        if (number < min || number > max) {
            throw new ConfigException(key, "expected a whole number from " + min + " to " + max + ", got " + number);
        }
        return number;
    }

    /**
     * @param props the properties
     * @param key   the key
     * @param defaultValue used when absent
     * @return the boolean
     * @throws ConfigException when it is neither true nor false
     */
    public static boolean bool(Map<String, ?> props, String key, boolean defaultValue) {
        String text = text(props, key);
        if (text == null) {
            return defaultValue;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(key, "expected true or false, got \"" + text + "\"");
    }

    /**
     * Where a configuration came from, for messages: the file FileInstall read it from, relative to
     * the working directory when it lies below it, or the PID when it did not come from a file.
     *
     * @param props the configuration or service properties
     * @return a short description
     */
    public static String origin(Map<String, ?> props) {
        Object file = props.get(FILE);
        if (file != null) {
            String text = String.valueOf(file);
            try {
                Path path = text.startsWith("file:") ? Paths.get(URI.create(text)) : Paths.get(text);
                Path cwd = Paths.get("").toAbsolutePath();
                Path absolute = path.toAbsolutePath().normalize();
                return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
            } catch (RuntimeException e) {
                return text;
            }
        }
        Object pid = props.get("service.pid");
        return pid == null ? "configuration" : "configuration " + pid;
    }

    /**
     * Checks the name of an instance, a pipeline or a flow: letters, digits, {@code _} and {@code -}, as
     * configuration.md says. A dot would clash with the port in a link ({@code sink/a.b} reads as port {@code b}).
     *
     * @param what the kind of name, for the message ("flow", "pipeline", "sink instance")
     * @param name the name
     * @return the reason it is refused, or null when it is a name
     */
    public static String badName(String what, String name) {
        if (name.matches("[A-Za-z0-9_][A-Za-z0-9_-]*")) {
            return null;
        }
        return "'" + name + "' is not a " + what + " name: letters, digits, _ and - only (a dot would clash with"
                + " port names in links); rename the file";
    }

    /**
     * The instance name of a factory configuration: what follows {@code ~} in its PID (FileInstall's
     * {@code factoryPid-name.cfg} gives {@code factoryPid~name}).
     *
     * @param props the configuration or service properties
     * @return the name, or {@code null} when the PID has none
     */
    public static String instanceName(Map<String, ?> props) {
        Object pid = props.get("service.pid");
        if (pid == null) {
            return null;
        }
        String text = pid instanceof String s ? s : pidOf(pid);
        int tilde = text.indexOf('~');
        return tilde < 0 || tilde == text.length() - 1 ? null : text.substring(tilde + 1);
    }

    private static String pidOf(Object pid) {
        // A component service with several PIDs carries them as an array or list; the factory one has a tilde.
        List<String> pids = new ArrayList<>();
        if (pid.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(pid); i++) {
                pids.add(String.valueOf(Array.get(pid, i)));
            }
        } else if (pid instanceof Collection<?> all) {
            all.forEach(p -> pids.add(String.valueOf(p)));
        } else {
            pids.add(String.valueOf(pid));
        }
        for (String p : pids) {
            if (p.indexOf('~') >= 0) {
                return p;
            }
        }
        return pids.isEmpty() ? "" : pids.get(0);
    }

    /**
     * Whether a key was added by the framework (ConfigAdmin, FileInstall, DS) rather than written by
     * the operator.
     *
     * @param key a property key
     * @return true for {@code service.*}, {@code felix.*}, {@code component.*}, {@code objectClass}
     *         and private ({@code .}) keys
     */
    public static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")
                || key.startsWith(".") || key.equals("objectClass") || key.startsWith("osgi.");
    }
}
