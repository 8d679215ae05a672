package io.weir.itests.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of {@code weir:leaks}: one section per removed plugin revision, a heading line indented by two
 * spaces ({@code <name> <version>  (bundle <id>)  <cause> <when> (<ago>)  <status>}) followed by evidence lines
 * indented further. Tests pick the section of the revision they removed and look at its status and evidence.
 */
public final class LeakReportSections {

    private static final String HEADING_INDENT = "  ";

    private LeakReportSections() {
    }

    /** Every section of {@code symbolicName}'s revisions, newest first, each as its lines joined by newlines. */
    public static List<String> revisions(String output, String symbolicName) {
        List<String> found = new ArrayList<>();
        for (String section : sections(output)) {
            if (section.startsWith(HEADING_INDENT + symbolicName + " ")) {
                found.add(section);
            }
        }
        return found;
    }

    /** The newest section of that revision, or null when the output has none. */
    public static String revision(String output, String symbolicName, String version) {
        String prefix = HEADING_INDENT + symbolicName + " " + version + "  (bundle ";
        for (String section : sections(output)) {
            if (section.startsWith(prefix)) {
                return section;
            }
        }
        return null;
    }

    /** The heading line of a section, without its indent; it ends with the status. */
    public static String heading(String section) {
        int end = section.indexOf('\n');
        return (end < 0 ? section : section.substring(0, end)).trim();
    }

    /**
     * True when the check of that revision has ended: collected, or something left behind at its deadline. Not while
     * it waits for a refresh or checks threads or the class loader.
     */
    public static boolean finished(String section) {
        String heading = heading(section);
        return heading.endsWith("collected \u2714") || heading.endsWith(" alive");
    }

    /** True when the check ended with something left behind (status threads and/or class loader alive). */
    public static boolean leaked(String section) {
        return heading(section).endsWith(" alive");
    }

    private static List<String> sections(String output) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = null;
        for (String line : output.split("\\R")) {
            boolean heading = line.startsWith(HEADING_INDENT) && line.length() > 2 && line.charAt(2) != ' ';
            if (heading) {
                if (current != null) {
                    sections.add(current.toString());
                }
                current = new StringBuilder(line);
            } else if (current != null && line.startsWith(HEADING_INDENT + " ")) {
                current.append('\n').append(line);
            } else if (current != null) {
                sections.add(current.toString());
                current = null;
            }
        }
        if (current != null) {
            sections.add(current.toString());
        }
        return sections;
    }
}
