package io.weir.itests.support;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Lines that say where they belong ({@code line-000042}), so that a test can tell from what arrived which lines were
 * lost, repeated or out of order. All have the same length.
 */
public final class NumberedLines {

    private NumberedLines() {
    }

    /** Line {@code n} without its line end. */
    public static String line(int n) {
        return String.format("line-%06d", n);
    }

    /** The number of a line made by {@link #line}. */
    public static int number(String line) {
        if (!line.startsWith("line-")) {
            throw new IllegalArgumentException("not a numbered line: " + line);
        }
        return Integer.parseInt(line.substring("line-".length()));
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive), without line ends. */
    public static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(NumberedLines::line).toList();
    }

    /**
     * The runs of consecutive numbers in a list of numbered lines, e.g. {@code "0-399 340-499"} for lines 0 to 399
     * followed by 340 to 499: a short, readable picture of what was lost, repeated or reordered.
     */
    public static String runs(List<String> lines) {
        StringBuilder runs = new StringBuilder();
        int start = -1;
        int previous = -1;
        for (String line : lines) {
            int n = number(line);
            if (start >= 0 && n == previous + 1) {
                previous = n;
                continue;
            }
            if (start >= 0) {
                runs.append(runs.length() == 0 ? "" : " ").append(start).append('-').append(previous);
            }
            start = n;
            previous = n;
        }
        if (start >= 0) {
            runs.append(runs.length() == 0 ? "" : " ").append(start).append('-').append(previous);
        }
        return runs.toString();
    }

    /** Lines {@code from} to {@code to} as text, each ended by {@code \n}. */
    public static String text(int from, int to) {
        return lines(from, to).stream().map(l -> l + "\n").collect(Collectors.joining());
    }
}
