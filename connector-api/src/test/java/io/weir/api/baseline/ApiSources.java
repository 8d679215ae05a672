package io.weir.api.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private copy of the connector API sources that a test may edit, as a developer would, without
 * touching the module's own sources.
 */
final class ApiSources {
    private static final Pattern VERSION = Pattern.compile("@Version\\(\"[^\"]*\"\\)");
    private final Path root;

    private ApiSources(Path root) {
        this.root = root;
    }

    /**
     * Copies every file under {@code original} into {@code into}.
     *
     * @param original the module's {@code src/main/java}
     * @param into     an empty directory
     * @return the copy
     */
    static ApiSources copy(Path original, Path into) throws IOException {
        if (!Files.isRegularFile(original.resolve("io/weir/api/connector/Source.java"))) {
            throw new IllegalStateException("not the connector API sources: " + original.toAbsolutePath());
        }
        try (Stream<Path> files = Files.walk(original)) {
            files.forEach(file -> {
                Path target = into.resolve(original.relativize(file).toString());
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return new ApiSources(into);
    }

    /** @return the directory holding the copy */
    Path root() {
        return root;
    }

    /**
     * Replaces the only occurrence of {@code text} in a source file.
     *
     * @param file        path relative to the source root, e.g. {@code io/weir/api/codec/Codec.java}
     * @param text        what to replace; must occur exactly once, so that a changed SPI makes the
     *                    test fail loudly instead of silently proving nothing
     * @param replacement the new text
     * @return this
     */
    ApiSources replace(String file, String text, String replacement) throws IOException {
        Path path = root.resolve(file);
        String content = Files.readString(path, StandardCharsets.UTF_8);
        int at = content.indexOf(text);
        if (at < 0 || content.indexOf(text, at + 1) >= 0) {
            throw new IllegalStateException(file + " must contain exactly one '" + text + "'");
        }
        Files.writeString(path, content.substring(0, at) + replacement + content.substring(at + text.length()),
                StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Sets the {@code @Version} of one package in its {@code package-info.java}.
     *
     * @param pkg     the package, e.g. {@code io.weir.api.connector}
     * @param version the new version, e.g. {@code 1.1.0}
     * @return this
     */
    ApiSources packageVersion(String pkg, String version) throws IOException {
        String file = pkg.replace('.', '/') + "/package-info.java";
        String content = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        Matcher annotation = VERSION.matcher(content);
        if (!annotation.find()) {
            throw new IllegalStateException(file + " has no @Version(\"...\") to change");
        }
        Files.writeString(root.resolve(file), annotation.replaceFirst("@Version(\"" + version + "\")"),
                StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Adds a new source file.
     *
     * @param file    path relative to the source root
     * @param content the Java source
     * @return this
     */
    ApiSources add(String file, String content) throws IOException {
        Path path = root.resolve(file);
        if (Files.exists(path)) {
            throw new IllegalStateException(file + " exists already");
        }
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return this;
    }
}
