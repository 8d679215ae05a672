package io.weir.runtime.internal.lifecycle.deploy;

import java.io.File;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Version;

/**
 * A bundle jar's identity: its Bundle-SymbolicName (without directives) and Bundle-Version, read the way the
 * framework reads them. Reading opens the zip's central directory, which sits at the end of the file: a jar that
 * is still being copied, or was cut short, fails here and says why.
 *
 * @param symbolicName the Bundle-SymbolicName without directives
 * @param version      the Bundle-Version (0.0.0 when absent, as the framework takes it)
 */
public record JarIdentity(String symbolicName, Version version) {

    /** Thrown when a file is not a readable bundle jar; the message is a plain reason. */
    public static final class UnreadableJarException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean damaged;

        UnreadableJarException(String reason, boolean damaged) {
            super(reason);
            this.damaged = damaged;
        }

        /** True when the file cannot be read as a zip at all; false when it reads but is not a valid bundle. */
        public boolean damaged() {
            return damaged;
        }
    }

    /** Reads the identity of a bundle jar. */
    public static JarIdentity read(File file) throws UnreadableJarException {
        if (!file.canRead()) {
            throw new UnreadableJarException("it cannot be read (check its permissions)", true);
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(file)) {
            manifest = jar.getManifest();
        } catch (IOException | SecurityException e) {
            throw new UnreadableJarException("it is not a readable jar (" + e.getMessage() + "): a damaged file, or one"
                    + " still being copied", true);
        }
        if (manifest == null) {
            throw new UnreadableJarException("it has no META-INF/MANIFEST.MF, so it is not an OSGi bundle", false);
        }
        Attributes main = manifest.getMainAttributes();
        String name = main.getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw new UnreadableJarException("its manifest has no Bundle-SymbolicName, so it is not an OSGi bundle"
                    + " (a plain library belongs inside a plugin bundle)", false);
        }
        int directives = name.indexOf(';');
        String symbolicName = (directives < 0 ? name : name.substring(0, directives)).trim();
        String versionText = main.getValue("Bundle-Version");
        try {
            return new JarIdentity(symbolicName,
                    versionText == null ? Version.emptyVersion : Version.parseVersion(versionText.trim()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableJarException("its Bundle-Version '" + versionText + "' is not an OSGi version"
                    + " (major.minor.micro.qualifier)", false);
        }
    }

    @Override
    public String toString() {
        return symbolicName + " " + version;
    }
}
