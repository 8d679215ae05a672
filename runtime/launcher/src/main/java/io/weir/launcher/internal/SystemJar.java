package io.weir.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A jar of {@code system/} and the bundle location the launcher installs it under.
 * <p>
 * The location is {@code weir:system/<file name>}, independent of where Weir home lies, so moving the install
 * keeps the cache valid. The fingerprint (size and modification time) tells whether the jar changed since it was
 * installed, in either direction, so an older jar put back is installed too.
 */
public final class SystemJar {
    /** Prefix of the locations of every bundle the launcher manages. */
    public static final String LOCATION_PREFIX = "weir:system/";

    private final Path path;
    private final String fingerprint;

    public SystemJar(Path path, String fingerprint) {
        this.path = path;
        this.fingerprint = fingerprint;
    }

    /** Lists the {@code .jar} files directly in the folder, sorted by name (an absent folder has none). */
    public static List<SystemJar> scan(Path folder) throws IOException {
        List<SystemJar> jars = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return jars;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file)) {
                    jars.add(new SystemJar(file, Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis()));
                }
            }
        }
        return jars;
    }

    public Path path() {
        return path;
    }

    public String location() {
        return LOCATION_PREFIX + path.getFileName();
    }

    public String fingerprint() {
        return fingerprint;
    }
}
