package io.weir.api.baseline;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.annotation.versioning.Version;

/**
 * Where the module's build keeps what the baseline tests compare. The pom passes each value as a
 * system property; the defaults fit a run from the module directory.
 */
final class BuildSettings {
    private BuildSettings() {
    }

    /** @return the module's API sources */
    static Path sources() {
        return Path.of(System.getProperty("weir.api.sources", "src/main/java"));
    }

    /** @return the module's compiled classes, with the manifest bnd-maven-plugin wrote */
    static File classes() {
        return new File(System.getProperty("weir.api.classes", "target/classes"));
    }

    /** @return the bnd files the module inherits, outermost first */
    static List<File> bndFiles() {
        return Arrays.stream(System.getProperty("weir.api.bnd.files", "../bnd.bnd,bnd.bnd").split(","))
                .map(String::trim).map(File::new).collect(Collectors.toList());
    }

    /** @return the project description, which bnd-maven-plugin puts in Bundle-Description */
    static String description() {
        return System.getProperty("weir.api.bundle.description", "The plugin SPI: the only thing a Weir plugin imports.");
    }

    /** @return the project's Bundle-Version in OSGi syntax, e.g. {@code 1.0.0.SNAPSHOT} */
    static String bundleVersion() {
        return System.getProperty("weir.api.bundle.version", "1.1.0-SNAPSHOT").replace('-', '.');
    }

    /** @return the version of the released API the build baselines against */
    static String baselineVersion() {
        return System.getProperty("weir.api.baseline.version", "1.0.0");
    }

    /** @return the manifest headers and resources the baseline ignores, as bnd-baseline-maven-plugin's diffignores */
    static String diffIgnores() {
        return System.getProperty("weir.api.baseline.diffignores", "Build-Jdk-Spec,META-INF/maven/*");
    }

    /** @return the released API jar kept in the repository */
    static File releasedJar() {
        String version = baselineVersion();
        return new File(System.getProperty("weir.api.released.jar",
                "released/io/weir/connector-api/" + version + "/connector-api-" + version + ".jar"));
    }

    /** @return the Maven local repository, or null when the build did not say */
    static File localRepository() {
        String path = System.getProperty("weir.local.repository");
        return path == null || path.isBlank() ? null : new File(path);
    }

    /** @return the osgi.annotation jar the API compiles against */
    static File annotationsJar() {
        try {
            return new File(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate osgi.annotation", e);
        }
    }

    /** @return a builder with the module's bnd instructions */
    static ApiBundleBuilder bundleBuilder() {
        return new ApiBundleBuilder(bndFiles(), description(), annotationsJar());
    }
}
