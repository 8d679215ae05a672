package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SystemJarTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void scanListsOnlyJarFilesSortedByName() throws Exception {
        Path system = temp.newFolder("system").toPath();
        TestJars.bundle(system.resolve("b.jar"), "b", "1.0.0", Map.of());
        TestJars.bundle(system.resolve("a.jar"), "a", "1.0.0", Map.of());
        Files.writeString(system.resolve("README.txt"), "not a jar");
        Files.createDirectory(system.resolve("c.jar"));
        List<String> names = SystemJar.scan(system).stream().map(SystemJar::location).collect(Collectors.toList());
        assertEquals(List.of("weir:system/a.jar", "weir:system/b.jar"), names);
    }

    @Test
    public void absentFolderHasNoJars() throws Exception {
        assertTrue(SystemJar.scan(temp.getRoot().toPath().resolve("absent")).isEmpty());
    }

    @Test
    public void fingerprintFollowsSizeAndTime() throws Exception {
        Path jar = TestJars.bundle(temp.getRoot().toPath().resolve("a.jar"), "a", "1.0.0", Map.of());
        TestJars.touch(jar, 1_000_000L);
        String first = SystemJar.scan(temp.getRoot().toPath()).get(0).fingerprint();
        assertEquals(Files.size(jar) + ":1000000", first);
        TestJars.touch(jar, 2_000_000L);
        assertNotEquals(first, SystemJar.scan(temp.getRoot().toPath()).get(0).fingerprint());
    }
}
