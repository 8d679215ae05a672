package io.weir.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.weir.benchmarks.workload.TcpJsonEvent;
import io.weir.benchmarks.workload.TcpJsonGenerator;

/**
 * Checks the file scenario 1 wrote: every event of the workload that is not {@code debug} arrived,
 * once, in order, with {@code level} renamed to {@code severity}, a {@code proc} field, and the other
 * fields unchanged; nothing else is in the file. The expected events come from a fresh
 * {@link TcpJsonGenerator}, so nothing but the event count is needed.
 *
 * <pre>
 * java -cp benchmarks.jar io.weir.benchmarks.load.OutputVerifier --file out.json [--events 2000000] [--proc weir]
 * </pre>
 */
public final class OutputVerifier {
    /** Problems listed in full; the rest are only counted. */
    static final int LISTED = 20;
    private static final JsonFactory JSON = new JsonFactory();

    private final long events;
    private final String proc;

    /**
     * @param events how many events the load generator sent
     * @param proc   the value {@code proc} must have, or null to accept any value but null
     */
    public OutputVerifier(long events, String proc) {
        this.events = events;
        this.proc = proc;
    }

    /**
     * @param file the output file
     * @return what was found
     * @throws IOException when the file cannot be read
     */
    public Report verify(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return verify(in);
        }
    }

    /**
     * @param in the output, newline-delimited JSON
     * @return what was found
     * @throws IOException when the input cannot be read
     */
    public Report verify(InputStream in) throws IOException {
        Check check = new Check();
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, start, i - start);
                    check.line(line.toByteArray());
                    line.reset();
                    start = i + 1;
                }
            }
            line.write(buffer, start, read - start);
        }
        if (line.size() > 0) {
            check.problem("the file ends without a newline after line " + (check.lines + 1));
            check.line(line.toByteArray());
        }
        check.finish();
        return new Report(check.lines, check.matched, check.expectedTotal, check.problemCount, check.problems);
    }

    /** The state of one verification. */
    private final class Check {
        private final TcpJsonGenerator generator = new TcpJsonGenerator();
        private final List<String> problems = new ArrayList<>();
        private TcpJsonEvent expected;
        private long generated;
        private long lines;
        private long matched;
        private long expectedTotal;
        private long problemCount;
        private long missing;

        Check() {
            advance();
        }

        /** Moves to the next event that should survive the pipeline. */
        private void advance() {
            expected = null;
            while (generated < events) {
                TcpJsonEvent next = generator.next();
                generated++;
                if (!next.isDebug()) {
                    expected = next;
                    expectedTotal++;
                    return;
                }
            }
        }

        void problem(String text) {
            problemCount++;
            if (problems.size() < LISTED) {
                problems.add(text);
            }
        }

        void line(byte[] bytes) {
            lines++;
            Map<String, Object> fields;
            try {
                fields = parse(bytes);
            } catch (IOException | RuntimeException e) {
                problem("line " + lines + ": not a JSON object (" + e.getMessage().lines().findFirst().orElse("")
                        + "): " + shorten(bytes));
                if (expected != null) {
                    advance();
                }
                return;
            }
            Object n = fields.get("n");
            if (!(n instanceof Long)) {
                problem("line " + lines + ": no whole number n: " + shorten(bytes));
                return;
            }
            long number = (Long) n;
            while (expected != null && expected.n() < number) {
                missingEvent(expected.n());
                advance();
            }
            if (expected == null) {
                problem("line " + lines + ": n=" + number + " is beyond the last event expected (a duplicate or an extra event)");
                return;
            }
            if (expected.n() > number) {
                problem("line " + lines + ": n=" + number + " after n=" + (expected.n() - 1)
                        + " or later: out of order, a duplicate, or a debug event that was not dropped");
                return;
            }
            compare(fields, bytes);
            advance();
        }

        private void missingEvent(long n) {
            missing++;
            problem("event n=" + n + " is missing (expected before line " + lines + ")");
        }

        private void compare(Map<String, Object> fields, byte[] bytes) {
            List<String> wrong = new ArrayList<>();
            expect(wrong, fields, "ts", expected.ts());
            expect(wrong, fields, "host", expected.host());
            expect(wrong, fields, "severity", expected.level());
            expect(wrong, fields, "msg", expected.msg());
            if (fields.containsKey("level")) {
                wrong.add("level should have been renamed to severity");
            }
            if (fields.get("proc") == null) {
                wrong.add("proc is missing");
            } else if (proc != null && !proc.equals(fields.get("proc"))) {
                wrong.add("proc is " + fields.get("proc") + ", expected " + proc);
            }
            for (String key : fields.keySet()) {
                if (!List.of("ts", "host", "severity", "msg", "n", "proc", "level").contains(key)) {
                    wrong.add("unexpected field " + key);
                }
            }
            if (wrong.isEmpty()) {
                matched++;
            } else {
                problem("line " + lines + " (n=" + expected.n() + "): " + String.join("; ", wrong) + ": " + shorten(bytes));
            }
        }

        private void expect(List<String> wrong, Map<String, Object> fields, String key, Object value) {
            if (!fields.containsKey(key)) {
                wrong.add(key + " is missing");
            } else if (!Objects.equals(fields.get(key), value)) {
                wrong.add(key + " is " + fields.get(key) + ", expected " + value);
            }
        }

        void finish() {
            long before = missing;
            while (expected != null) {
                missing++;
                if (missing - before <= 3) {
                    problem("event n=" + expected.n() + " is missing (after the last line)");
                }
                advance();
            }
            long unlisted = missing - before - 3;
            if (unlisted > 0) {
                problemCount += unlisted;
                problems.add("... and " + unlisted + " more events missing at the end");
            }
        }
    }

    /** The top-level scalar fields of one JSON object; nested values are kept as their kind only. */
    static Map<String, Object> parse(byte[] bytes) throws IOException {
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonProcessingException("not an object") { };
            }
            Map<String, Object> fields = new HashMap<>();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                switch (token) {
                    case VALUE_STRING: fields.put(name, parser.getText()); break;
                    case VALUE_NUMBER_INT: fields.put(name, parser.getLongValue()); break;
                    case VALUE_NUMBER_FLOAT: fields.put(name, parser.getDoubleValue()); break;
                    case VALUE_TRUE: fields.put(name, Boolean.TRUE); break;
                    case VALUE_FALSE: fields.put(name, Boolean.FALSE); break;
                    case VALUE_NULL: fields.put(name, null); break;
                    default:
                        parser.skipChildren();
                        fields.put(name, token.toString());
                }
            }
            if (parser.nextToken() != null) {
                throw new JsonProcessingException("content after the object") { };
            }
            return fields;
        }
    }

    private static String shorten(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /**
     * The outcome.
     *
     * @param lines        lines in the file
     * @param matched      lines that were exactly the expected event
     * @param expected     events that should have arrived
     * @param problemCount every problem found
     * @param problems     the first {@value OutputVerifier#LISTED} problems, and a note on more missing events
     */
    public record Report(long lines, long matched, long expected, long problemCount, List<String> problems) {
        /** @return whether every expected event arrived as it should and nothing else did */
        public boolean ok() {
            return problemCount == 0 && matched == expected && lines == expected;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            text.append(ok() ? "OK: " : "FAILED: ").append(String.format("%,d lines, %,d of %,d expected events correct",
                    lines, matched, expected));
            if (problemCount > 0) {
                text.append(String.format(", %,d problems:", problemCount));
                for (String problem : problems) {
                    text.append(System.lineSeparator()).append("  ").append(problem);
                }
            }
            return text.toString();
        }
    }

    /**
     * @param args see the class documentation
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Report report;
        try {
            Args options = new Args(args, "--file", "--events", "--proc");
            Path file = Path.of(options.text("--file", null));
            long events = options.number("--events", io.weir.benchmarks.workload.TcpJsonWorkload.SCENARIO_EVENTS, 1,
                    TcpJsonGenerator.MAX_EVENTS);
            report = new OutputVerifier(events, options.text("--proc", "").isEmpty() ? null : options.text("--proc", ""))
                    .verify(file);
        } catch (IllegalArgumentException e) {
            System.err.println("verifier: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(report);
        System.exit(report.ok() ? 0 : 1);
    }
}
