package io.weir.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds a bundle jar in memory at test time: a manifest, classes copied from the test class path, and resources.
 * Tests write the bytes into a watched {@code deploy/} folder the way an operator would drop a plugin.
 */
public final class TestBundle {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private TestBundle(String symbolicName) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", "1.0.0");
    }

    /** Starts a bundle with this symbolic name, version 1.0.0 and no imports. */
    public static TestBundle named(String symbolicName) {
        return new TestBundle(symbolicName);
    }

    public TestBundle version(String version) {
        return header("Bundle-Version", version);
    }

    /** Sets a manifest header, replacing an earlier value. */
    public TestBundle header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sets Import-Package, e.g. {@code io.weir.api.connector;version="[2.0,3)"}. */
    public TestBundle importPackage(String clauses) {
        return header("Import-Package", clauses);
    }

    /**
     * Copies a top-level class's bytes (read through its own class loader) into the bundle. The class must need
     * nothing outside {@code java.*} unless the bundle's imports provide it.
     */
    public TestBundle addClass(Class<?> type) {
        String path = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no class file " + path + " visible to " + loader);
            }
            return addResource(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public TestBundle addResource(String path, String text) {
        return addResource(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public TestBundle addResource(String path, byte[] content) {
        entries.put(path, content.clone());
        return this;
    }

    /** The jar's bytes: the manifest first, as the JarInputStream and the framework expect. */
    public byte[] build() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> main.put(new Attributes.Name(name), value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build bundle " + headers.get("Bundle-SymbolicName"), e);
        }
        return bytes.toByteArray();
    }
}
