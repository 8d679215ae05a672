package io.weir.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenarios' configuration files, kept as templates under {@code /scenarios/<scenario>/} in the
 * jar (see {@code src/main/resources/scenarios}); {@code @NAME@} marks a value the harness fills in.
 */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    private Templates() {
    }

    /**
     * Fills a template and writes it into {@code etc/}, atomically so that FileInstall never reads
     * half a file.
     *
     * @param etc      the server's {@code etc/}
     * @param scenario the template folder
     * @param template the template's file name; its own {@code @NAME@}s are filled too
     * @param values   the values by name
     * @return the file written
     * @throws IOException when the template is missing or the file cannot be written
     * @throws IllegalArgumentException when the template names a value not given
     */
    static Path write(Path etc, String scenario, String template, Map<String, String> values) throws IOException {
        String resource = "/scenarios/" + scenario + "/" + template;
        String text;
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing template " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path target = etc.resolve(fill(template, values, resource));
        Path temporary = etc.resolve("." + target.getFileName() + ".tmp");
        Files.writeString(temporary, fill(text, values, resource), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * @param text   a template
     * @param values the values by name
     * @param origin where the template came from, for the message
     * @return the text with every {@code @NAME@} replaced
     */
    static String fill(String text, Map<String, String> values, String origin) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(origin + " uses @" + m.group(1) + "@, which the harness does not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
