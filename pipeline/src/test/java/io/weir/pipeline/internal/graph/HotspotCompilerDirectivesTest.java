package io.weir.pipeline.internal.graph;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;

/**
 * The distribution's JIT compiler directives ({@code lib/hotspot_compiler}, passed by {@code bin/weir}) name
 * methods of this module. The JVM silently ignores a directive for a method it does not know, so a rename here
 * would quietly undo them: every method named must exist.
 */
public class HotspotCompilerDirectivesTest {
    private static final Path DIRECTIVES = Path.of("..", "runtime", "distribution", "src", "main", "dist", "lib",
            "hotspot_compiler");

    @Test
    public void everyMethodTheDirectivesNameExists() throws IOException, ClassNotFoundException {
        List<String> targets = new ArrayList<>();
        for (String line : Files.readAllLines(DIRECTIVES)) {
            // HotSpot takes '#' as a comment only in the first column, and reports any other line it cannot parse.
            assertEquals("no space around a line: '" + line + "'", line.strip(), line);
            if (line.isEmpty() || line.startsWith("#") || line.equals("quiet")) {
                continue;
            }
            String[] parts = line.split(" ");
            assertEquals("only 'dontinline package.Class::method' lines are used here: " + line, 2, parts.length);
            assertEquals("only 'dontinline package.Class::method' lines are used here: " + line, "dontinline",
                    parts[0]);
            targets.add(parts[1]);
        }
        assertFalse("the file names no method", targets.isEmpty());
        for (String target : targets) {
            int split = target.indexOf("::");
            assertTrue("Class::method: " + target, split > 0);
            Class<?> type = Class.forName(target.substring(0, split), false, getClass().getClassLoader());
            String name = target.substring(split + 2);
            if (Arrays.stream(type.getDeclaredMethods()).map(Method::getName).noneMatch(name::equals)) {
                fail(type.getName() + " has no method " + name + ", which " + DIRECTIVES + " names");
            }
        }
    }

    @Test
    public void theCompilerIsToldToBeQuietFirst() throws IOException {
        // Without it the JVM prints every directive on the console at start.
        List<String> directives = Files.readAllLines(DIRECTIVES).stream()
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertEquals("quiet", directives.get(0));
    }
}
