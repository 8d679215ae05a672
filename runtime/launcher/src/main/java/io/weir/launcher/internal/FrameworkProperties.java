package io.weir.launcher.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads {@code etc/weir.properties} into the framework properties.
 * <p>
 * A value may refer to {@code ${name}}: a value the launcher sets ({@code weir.home}, {@code weir.data}, ...),
 * another key of the file, or a Java system property, in that order. An undefined or circular reference is a
 * configuration error naming the file and the key, so a typo never turns into a folder called "${weir.hom}".
 */
public final class FrameworkProperties {
    /** Keys only the launcher sets: the file may refer to them but not define them. */
    public static final Set<String> LAUNCHER_KEYS = Set.of(
            "weir.home", "weir.data", "weir.shell.socket",
            "org.osgi.framework.storage", "org.osgi.framework.startlevel.beginning", "gosh.args");

    private final Path file;
    private final Map<String, String> raw;
    private final Map<String, String> launcherValues;
    private final Map<String, String> systemProperties;
    private final Map<String, String> resolved = new TreeMap<>();

    private FrameworkProperties(Path file, Map<String, String> raw, Map<String, String> launcherValues,
                                Map<String, String> systemProperties) {
        this.file = file;
        this.raw = raw;
        this.launcherValues = launcherValues;
        this.systemProperties = systemProperties;
    }

    /**
     * Reads the file and returns its keys with every reference resolved, plus the launcher's own values.
     *
     * @throws LaunchException with {@link ExitCodes#USAGE} when the file is missing or unreadable, defines a
     *                         launcher key, or has an undefined, unclosed or circular reference
     */
    public static Map<String, String> load(Path file, Map<String, String> launcherValues,
                                           Map<String, String> systemProperties) throws LaunchException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new LaunchException(ExitCodes.USAGE, "missing " + file + " (the framework properties)");
        } catch (CharacterCodingException e) {
            throw new LaunchException(ExitCodes.USAGE, file + " is not UTF-8 text");
        } catch (IOException | IllegalArgumentException e) {
            throw new LaunchException(ExitCodes.USAGE, "cannot read " + file + ": " + LaunchException.oneLine(e));
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String key : new TreeMap<>(toMap(properties)).keySet()) {
            if (LAUNCHER_KEYS.contains(key)) {
                throw new LaunchException(ExitCodes.USAGE, file + ": remove '" + key
                        + "'; the launcher sets it (see docs/operations.md)");
            }
            raw.put(key, properties.getProperty(key).strip());
        }
        FrameworkProperties loader = new FrameworkProperties(file, raw, launcherValues, systemProperties);
        Map<String, String> result = new TreeMap<>();
        for (String key : raw.keySet()) {
            result.put(key, loader.resolve(key, new ArrayList<>()));
        }
        result.putAll(launcherValues);
        return result;
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    private String resolve(String key, List<String> chain) throws LaunchException {
        String done = resolved.get(key);
        if (done != null) {
            return done;
        }
        if (chain.contains(key)) {
            chain.add(key);
            throw new LaunchException(ExitCodes.USAGE, file + ": circular reference " + String.join(" -> ", chain));
        }
        chain.add(key);
        String value = substitute(key, raw.get(key), chain);
        chain.remove(chain.size() - 1);
        resolved.put(key, value);
        return value;
    }

    private String substitute(String key, String value, List<String> chain) throws LaunchException {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int start = value.indexOf("${", from);
            if (start < 0) {
                out.append(value, from, value.length());
                return out.toString();
            }
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new LaunchException(ExitCodes.USAGE, file + ": '" + key + "' has an unclosed ${ in '" + value + "'");
            }
            out.append(value, from, start);
            String name = value.substring(start + 2, end);
            out.append(lookup(key, name, chain));
            from = end + 1;
        }
    }

    private String lookup(String key, String name, List<String> chain) throws LaunchException {
        String value = launcherValues.get(name);
        if (value != null) {
            return value;
        }
        if (raw.containsKey(name)) {
            return resolve(name, chain);
        }
        value = systemProperties.get(name);
        if (value != null) {
            return value;
        }
        throw new LaunchException(ExitCodes.USAGE, file + ": '" + key + "' refers to ${" + name + "}, which is not defined");
    }
}
