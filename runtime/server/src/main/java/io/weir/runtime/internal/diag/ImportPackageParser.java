package io.weir.runtime.internal.diag;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.VersionRange;

/**
 * Parses an OSGi Import-Package header into {@link PackageImport}s.
 *
 * <p>Reads the header as the bundle's author wrote it (the ranges bnd computed), so diagnostics quote exactly
 * what the plugin asks for, whether or not the framework resolved it.
 */
public final class ImportPackageParser {

    private ImportPackageParser() {
    }

    /**
     * Parses a header value; {@code null} or blank gives an empty list.
     *
     * @throws IllegalArgumentException if a clause or a version range is malformed, naming it
     */
    public static List<PackageImport> parse(String header) {
        List<PackageImport> imports = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return imports;
        }
        for (String clause : split(header, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> packages = new ArrayList<>();
            String version = null;
            boolean optional = false;
            for (String part : split(clause, ';')) {
                int eq = indexOutsideQuotes(part, '=');
                if (eq < 0) {
                    packages.add(part.trim());
                    continue;
                }
                String name = part.substring(0, eq).trim();
                String value = unquote(part.substring(eq + 1).trim());
                if (name.endsWith(":")) {
                    if (name.substring(0, name.length() - 1).trim().equals("resolution")) {
                        optional = value.equals("optional");
                    }
                } else {
                    int colon = name.indexOf(':');
                    String attribute = colon < 0 ? name : name.substring(0, colon).trim();
                    if (attribute.equals("version") || (attribute.equals("specification-version") && version == null)) {
                        version = value;
                    }
                }
            }
            VersionRange range = range(version, clause);
            for (String pkg : packages) {
                if (pkg.isEmpty()) {
                    throw new IllegalArgumentException("Import-Package clause '" + clause.trim() + "' names no package");
                }
                imports.add(new PackageImport(pkg, range, optional));
            }
        }
        return imports;
    }

    private static VersionRange range(String version, String clause) {
        if (version == null) {
            return new VersionRange(VersionRange.LEFT_CLOSED, org.osgi.framework.Version.emptyVersion, null,
                    VersionRange.RIGHT_OPEN);
        }
        try {
            return VersionRange.valueOf(version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Import-Package clause '" + clause.trim()
                    + "' has an invalid version range '" + version + "'", e);
        }
    }

    /** Splits at the separator where it is not inside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int indexOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
