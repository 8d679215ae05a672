package io.weir.runtime.internal.lifecycle.deploy;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.Version;

/**
 * An installed bundle as the deploy guard sees it: identity and location.
 *
 * @param id           bundle id
 * @param symbolicName its symbolic name (may be null for a legacy bundle)
 * @param version      its version
 * @param location     its install location
 */
public record InstalledBundle(long id, String symbolicName, Version version, String location) {

    /** The file a {@code file:} location (optionally {@code reference:file:}) points at, or null. */
    public Path file() {
        return fileOf(location);
    }

    /** The file a {@code file:} location (optionally {@code reference:file:}) points at, or null. */
    public static Path fileOf(String location) {
        if (location == null) {
            return null;
        }
        String loc = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!loc.startsWith("file:")) {
            return null;
        }
        try {
            return Paths.get(URI.create(loc)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            // "file:deploy/x.jar" and other relative forms
            return new File(loc.substring("file:".length())).toPath().toAbsolutePath().normalize();
        }
    }

    /** The location for a message: the file path when it is one. */
    public String where() {
        Path file = file();
        return file != null ? file.toString() : location;
    }
}
