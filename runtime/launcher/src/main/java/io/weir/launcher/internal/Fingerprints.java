package io.weir.launcher.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The fingerprint of each system jar as last installed, kept in {@code <data>/system.state}. A missing or
 * unreadable file reads as empty, which makes the launcher update every system bundle once: safe, never stale.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static Map<String, String> load(Path file) {
        Map<String, String> result = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return result;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return result;
        }
        for (String key : properties.stringPropertyNames()) {
            result.put(key, properties.getProperty(key));
        }
        return result;
    }

    /** Writes atomically (temp file then rename) so a crash never leaves half a file. */
    public static void save(Path file, Map<String, String> fingerprints) throws IOException {
        Properties properties = new Properties();
        properties.putAll(fingerprints);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(writer, "size:mtime of each system/ jar as installed in the framework cache");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
