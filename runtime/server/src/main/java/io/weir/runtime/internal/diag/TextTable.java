package io.weir.runtime.internal.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table with aligned columns for shell output. The last column is not padded, so long values
 * (import lists, messages) run on without pushing trailing spaces; a note under a row is indented and ignored
 * when measuring the columns.
 */
public final class TextTable {

    private static final String GAP = "  ";

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final List<List<String>> notes = new ArrayList<>();

    /** A table with these column headings. */
    public TextTable(String... headers) {
        this.headers = headers.clone();
    }

    /** Adds a row; missing cells are blank, {@code null} prints as "-". */
    public TextTable row(Object... cells) {
        String[] row = new String[headers.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = i < cells.length ? (cells[i] == null ? "-" : String.valueOf(cells[i])) : "";
        }
        rows.add(row);
        notes.add(new ArrayList<>());
        return this;
    }

    /** Adds an indented line under the last row. */
    public TextTable note(String line) {
        if (rows.isEmpty()) {
            throw new IllegalStateException("a note needs a row above it");
        }
        notes.get(notes.size() - 1).add(line);
        return this;
    }

    /** Renders heading and rows, each line starting with the indent and ending with a newline. */
    public String render(String indent) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, headers, widths);
        for (int r = 0; r < rows.size(); r++) {
            line(out, indent, rows.get(r), widths);
            for (String note : notes.get(r)) {
                out.append(indent).append("    ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(widths[i] - cells[i].length())).append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
