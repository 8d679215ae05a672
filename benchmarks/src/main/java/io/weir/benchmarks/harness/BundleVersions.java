package io.weir.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Makes newer versions of a bundle for the hot-swap scenario: the same jar, entry for entry, with
 * another {@code Bundle-Version} in its manifest. The framework sees a real newer jar of the same code.
 */
final class BundleVersions {
    private BundleVersions() {
    }

    /**
     * @param jar a bundle
     * @return its {@code Bundle-Version}
     * @throws IOException when it cannot be read or has none
     */
    static String version(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String version = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
            if (version == null) {
                throw new IOException(jar + " has no Bundle-Version");
            }
            return version.trim();
        }
    }

    /**
     * A version above {@code original} and above every {@code newer(original, m)} with a smaller
     * {@code n}: the qualifier gains {@code -swapNNN} (a longer qualifier with the same start sorts after,
     * and so does any qualifier after none).
     *
     * @param original a bundle version, {@code 1.0.0} or {@code 1.0.0.SNAPSHOT}
     * @param n        which newer version, 1 to 999
     * @return the newer version
     */
    static String newer(String original, int n) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("n must be 1 to 999, got " + n);
        }
        String[] parts = original.split("\\.", 4);
        String base = (parts.length > 0 ? parts[0] : "0") + "." + (parts.length > 1 ? parts[1] : "0") + "."
                + (parts.length > 2 ? parts[2] : "0");
        String suffix = String.format("swap%03d", n);
        return parts.length > 3 ? base + "." + parts[3] + "-" + suffix : base + "." + suffix;
    }

    /**
     * Writes a copy of {@code jar} whose manifest says {@code version}.
     *
     * @param jar     the bundle
     * @param target  the copy (replaced when it exists)
     * @param version its new Bundle-Version
     * @throws IOException when reading or writing fails
     */
    static void copyWithVersion(Path jar, Path target, String version) throws IOException {
        try (JarFile in = new JarFile(jar.toFile());
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file, manifest(in, version))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                if (!entry.isDirectory()) {
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }

    private static Manifest manifest(JarFile jar, String version) throws IOException {
        Manifest original = jar.getManifest();
        if (original == null) {
            throw new IOException(jar.getName() + " has no manifest");
        }
        Manifest manifest = new Manifest(original);
        manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
        return manifest;
    }
}
