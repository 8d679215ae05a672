package io.weir.api.baseline;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * Builds the connector API bundle from a copy of its sources the way the Maven build does: javac
 * with the compiler plugin's options, then bnd with the root and module {@code bnd.bnd}.
 */
final class ApiBundleBuilder {
    private final List<File> bndFiles;
    private final String description;
    private final File annotationsJar;

    /**
     * @param bndFiles       the bnd files the module inherits, outermost first
     * @param description    the project description (bnd-maven-plugin turns it into Bundle-Description)
     * @param annotationsJar the osgi.annotation jar the sources compile against
     */
    ApiBundleBuilder(List<File> bndFiles, String description, File annotationsJar) {
        this.bndFiles = List.copyOf(bndFiles);
        this.description = description;
        this.annotationsJar = annotationsJar;
    }

    /**
     * Compiles and wraps the sources.
     *
     * @param sources       the source root
     * @param work          an empty directory for class files
     * @param bundleVersion the Bundle-Version, in OSGi syntax (e.g. {@code 1.0.0.SNAPSHOT})
     * @return the bundle, written to {@code work/connector-api.jar}; the caller closes it
     */
    Jar build(Path sources, Path work, String bundleVersion) throws Exception {
        File classes = compile(sources, work.resolve("classes"));
        try (Builder builder = new Builder()) {
            builder.setBase(work.toFile());
            builder.setProperties(bndFiles.get(0));
            for (File bnd : bndFiles.subList(1, bndFiles.size())) {
                builder.mergeProperties(bnd, true);
            }
            builder.setProperty("Bundle-Version", bundleVersion);
            builder.setProperty("Bundle-Description", description);
            builder.addClasspath(classes);
            builder.addClasspath(annotationsJar);
            builder.setJar(new Jar("connector-api", classes));
            Jar jar = builder.build();
            if (!builder.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd failed: " + builder.getErrors());
            }
            // Written out because closing the builder closes the jars it made.
            File bundle = work.resolve("connector-api.jar").toFile();
            jar.write(bundle);
            return new Jar(bundle);
        }
    }

    private File compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<File> javaFiles;
        try (Stream<Path> files = Files.walk(sources)) {
            javaFiles = files.filter(p -> p.toString().endsWith(".java")).map(Path::toFile)
                    .collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            // Same options as the maven-compiler-plugin configuration, so class files match byte for byte.
            List<String> options = new ArrayList<>(List.of("--release", "17", "-parameters", "-g", "-proc:none",
                    "-classpath", annotationsJar.getPath(), "-d", classes.toString()));
            boolean ok = javac.getTask(messages, files, null, options, null, files.getJavaFileObjectsFromFiles(javaFiles))
                    .call();
            if (!ok) {
                throw new IllegalStateException("the API copy does not compile:\n" + messages);
            }
        }
        return classes.toFile();
    }
}
