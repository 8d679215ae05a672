package io.weir.launcher.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small jars with a chosen manifest, for tests that need bundles (or jars that are no bundles). */
public final class TestJars {
    private TestJars() {
    }

    /** A bundle with this symbolic name and version, plus any extra headers. */
    public static Path bundle(Path file, String symbolicName, String version, Map<String, String> headers)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        headers.forEach(main::putValue);
        return write(file, manifest);
    }

    /** A bundle that also carries these classes (from the test class path), e.g. for a Bundle-Activator. */
    public static Path bundleWithClasses(Path file, String symbolicName, Map<String, String> headers, Class<?>... classes)
            throws IOException {
        bundle(file, symbolicName, "1.0.0", headers);
        Path withClasses = file.resolveSibling(file.getFileName() + ".tmp");
        try (java.util.jar.JarFile source = new java.util.jar.JarFile(file.toFile());
             OutputStream out = Files.newOutputStream(withClasses);
             JarOutputStream jar = new JarOutputStream(out, source.getManifest())) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new java.util.jar.JarEntry(entry));
                try (java.io.InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        Files.move(withClasses, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** A jar whose manifest has no OSGi headers. */
    public static Path plainJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return write(file, manifest);
    }

    private static Path write(Path file, Manifest manifest) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }

    /** Sets the modification time, so fingerprints differ without waiting for the clock. */
    public static void touch(Path file, long millis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }
}
