package io.weir.example.internal.append;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The checked options of an append sink.
 *
 * @param path  the file to append to
 * @param fsync whether every flush forces the data to the device
 */
record AppendSettings(Path path, boolean fsync) {

    /**
     * Checks the options.
     *
     * @param path   the configured path
     * @param fsync  the configured fsync
     * @param origin where the options come from (the configuration file or PID), for messages
     * @return the settings
     * @throws IllegalArgumentException naming the origin and the key when the path is missing or invalid
     */
    static AppendSettings of(String path, boolean fsync, String origin) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(origin + ": path is required (the file to append to)");
        }
        try {
            return new AppendSettings(Path.of(path.trim()), fsync);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(origin + ": path is not a valid file name: " + e.getMessage(), e);
        }
    }
}
