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

    /** Lines {@code from} to {@code to} as text, each ended by {@code \n}. */
    public static String text(int from, int to) {
        return lines(from, to).stream().map(l -> l + "\n").collect(Collectors.joining());
    }
}
