package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.Map;

import org.junit.Test;

public class LaunchOptionsTest {
    private static final Path JAR_HOME = Path.of("/opt/weir");

    @Test
    public void defaultsComeFromTheJarLocation() throws Exception {
        LaunchOptions options = LaunchOptions.parse(new String[0], Map.of(), JAR_HOME);
        assertEquals(JAR_HOME, options.home());
        assertEquals(JAR_HOME.resolve("data"), options.data());
        assertTrue(options.consoleWanted());
        assertFalse(options.helpRequested());
    }

    @Test
    public void systemPropertiesOverrideTheJarLocation() throws Exception {
        LaunchOptions options = LaunchOptions.parse(new String[0],
                Map.of("weir.home", "/srv/weir", "weir.data", "/var/lib/weir"), JAR_HOME);
        assertEquals(Path.of("/srv/weir"), options.home());
        assertEquals(Path.of("/var/lib/weir"), options.data());
    }

    @Test
    public void argumentsOverrideEverything() throws Exception {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--home", "/a", "--data", "/b", "--no-console"},
                Map.of("weir.home", "/srv/weir", "weir.data", "/var/lib/weir"), JAR_HOME);
        assertEquals(Path.of("/a"), options.home());
        assertEquals(Path.of("/b"), options.data());
        assertFalse(options.consoleWanted());
    }

    @Test
    public void relativeFoldersBecomeAbsoluteAndNormal() throws Exception {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--home", "x/../weir", "--data", "d"}, Map.of(), null);
        assertTrue(options.home().isAbsolute());
        assertEquals("weir", options.home().getFileName().toString());
        assertEquals(Path.of("d").toAbsolutePath(), options.data());
    }

    @Test
    public void dataDefaultsBelowAGivenHome() throws Exception {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--home", "/a"}, Map.of(), JAR_HOME);
        assertEquals(Path.of("/a/data"), options.data());
    }

    @Test
    public void helpIsRecognised() throws Exception {
        assertTrue(LaunchOptions.parse(new String[] {"--help"}, Map.of(), JAR_HOME).helpRequested());
    }

    @Test
    public void unknownArgumentIsAUsageError() {
        assertUsageError(new String[] {"--fast"}, JAR_HOME, "unknown argument '--fast'");
    }

    @Test
    public void optionWithoutFolderIsAUsageError() {
        assertUsageError(new String[] {"--data"}, JAR_HOME, "--data needs a folder");
        assertUsageError(new String[] {"--home", "--no-console"}, JAR_HOME, "--home needs a folder");
    }

    @Test
    public void unknownHomeIsAUsageError() {
        assertUsageError(new String[0], null, "cannot tell where Weir home is");
    }

    private static void assertUsageError(String[] args, Path jarHome, String expected) {
        try {
            LaunchOptions.parse(args, Map.of(), jarHome);
            fail("expected a usage error");
        } catch (LaunchException e) {
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }
}
