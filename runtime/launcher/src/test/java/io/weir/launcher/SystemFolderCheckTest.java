package io.weir.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.weir.launcher.internal.TestJars;

public class SystemFolderCheckTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int check(Path home) {
        return SystemFolderCheck.run(java.util.List.of(home.resolve("system"), home.resolve("deploy")), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void bundlesThatResolveTogetherPass() throws Exception {
        Path home = temp.getRoot().toPath();
        TestJars.bundle(home.resolve("system/api.jar"), "api", "1.0.0", Map.of("Export-Package", "x.api;version=1.0.0"));
        TestJars.bundle(home.resolve("deploy/plugin.jar"), "plugin", "1.0.0",
                Map.of("Import-Package", "x.api;version=\"[1.0,2)\""));
        assertEquals(errors(), 0, check(home));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("2 bundles resolve together"));
    }

    @Test
    public void aJarWithoutSymbolicNameFails() throws Exception {
        Path home = temp.getRoot().toPath();
        TestJars.plainJar(home.resolve("system/helper.jar"));
        assertEquals(1, check(home));
        assertTrue(errors(), errors().contains("system/helper.jar: not an OSGi bundle (no Bundle-SymbolicName)"));
    }

    @Test
    public void aCompileOnlyApiJarFails() throws Exception {
        Path home = temp.getRoot().toPath();
        TestJars.bundle(home.resolve("system/osgi.core.jar"), "osgi.core", "8.0.0",
                Map.of("Require-Capability", "osgi.unresolvable;filter:=\"(&(must.not.resolve=*)(!(must.not.resolve=*)))\""));
        assertEquals(1, check(home));
        assertTrue(errors(), errors().contains("system/osgi.core.jar: a compile-only API jar"));
    }

    @Test
    public void theSameBundleTwiceFails() throws Exception {
        Path home = temp.getRoot().toPath();
        TestJars.bundle(home.resolve("system/a-1.jar"), "a", "1.0.0", Map.of());
        TestJars.bundle(home.resolve("deploy/a-copy.jar"), "a", "1.0.0", Map.of());
        assertEquals(1, check(home));
        assertTrue(errors(), errors().contains("the same bundle (a 1.0.0)"));
    }

    @Test
    public void anUnresolvableBundleIsNamedWithWhatItMisses() throws Exception {
        Path home = temp.getRoot().toPath();
        TestJars.bundle(home.resolve("system/api.jar"), "api", "1.0.0", Map.of("Export-Package", "x.api;version=1.0.0"));
        TestJars.bundle(home.resolve("deploy/future.jar"), "future", "1.0.0",
                Map.of("Import-Package", "x.api;version=\"[2.0,3)\""));
        assertEquals(1, check(home));
        assertTrue(errors(), errors().contains("deploy/future.jar (future 1.0.0) does not resolve: missing osgi.wiring.package"));
        assertTrue(errors(), errors().contains("x.api"));
    }
}
