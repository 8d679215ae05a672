package io.weir.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The bundles of a distribution's {@code system/} folder, read from their manifests. The integration tests provision
 * exactly these, so a bundle added to or dropped from the distribution changes what the tests run against.
 */
public final class SystemFolder {

    private SystemFolder() {
    }

    /**
     * Lists every jar under {@code folder} (sub-folders included), sorted by path.
     *
     * @throws IllegalStateException if the folder is missing or empty, or a jar is not a bundle
     */
    public static List<SystemJar> scan(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no system bundle folder at " + folder
                    + " (build the distribution first: mvn -B verify -pl itests -am)");
        }
        List<SystemJar> jars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path jar : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()::iterator) {
                jars.add(read(jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no bundle jar in " + folder);
        }
        return List.copyOf(jars);
    }

    static SystemJar read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String symbolicName = main.getValue("Bundle-SymbolicName");
            if (symbolicName == null || symbolicName.isBlank()) {
                throw new IllegalStateException(jar + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            String version = main.getValue("Bundle-Version");
            return new SystemJar(jar, firstClause(symbolicName), version == null ? "0.0.0" : version.trim(),
                    main.getValue("Fragment-Host") != null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    /** "name;singleton:=true" names the bundle "name". */
    private static String firstClause(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    }

    /**
     * One bundle jar of the system folder.
     *
     * @param path         where it is
     * @param symbolicName its Bundle-SymbolicName without directives
     * @param version      its Bundle-Version as written ("0.0.0" when absent)
     * @param fragment     whether it has a Fragment-Host (installed, never started)
     */
    public record SystemJar(Path path, String symbolicName, String version, boolean fragment) {
    }
}
