package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FrameworkPropertiesTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final Map<String, String> LAUNCHER = Map.of("weir.home", "/opt/weir", "weir.data", "/var/weir");

    private Path write(String text) throws Exception {
        Path file = temp.getRoot().toPath().resolve("weir.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    public void resolvesLauncherValuesOtherKeysAndSystemProperties() throws Exception {
        Path file = write("a = ${weir.home}/etc\n"
                + "b = ${a}/sub\n"
                + "c = ${user.name}-${weir.data}\n"
                + "d = plain\n");
        Map<String, String> result = FrameworkProperties.load(file, LAUNCHER, Map.of("user.name", "ann"));
        assertEquals("/opt/weir/etc", result.get("a"));
        assertEquals("/opt/weir/etc/sub", result.get("b"));
        assertEquals("ann-/var/weir", result.get("c"));
        assertEquals("plain", result.get("d"));
        assertEquals("/opt/weir", result.get("weir.home"));
    }

    @Test
    public void keepsBackslashesTheFileEscaped() throws Exception {
        Path file = write("felix.fileinstall.filter = .*\\\\.(cfg|config)\n");
        assertEquals(".*\\.(cfg|config)", FrameworkProperties.load(file, LAUNCHER, Map.of()).get("felix.fileinstall.filter"));
    }

    @Test
    public void valuesAreTrimmedAndContinuationLinesJoined() throws Exception {
        Path file = write("list = a, \\\n       b  \n");
        assertEquals("a, b", FrameworkProperties.load(file, LAUNCHER, Map.of()).get("list"));
    }

    @Test
    public void undefinedReferenceNamesTheKeyAndTheName() throws Exception {
        Path file = write("felix.fileinstall.dir = ${weir.hom}/etc\n");
        LaunchException e = expectFailure(file);
        assertTrue(e.getMessage(), e.getMessage().contains("'felix.fileinstall.dir' refers to ${weir.hom}"));
        assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
    }

    @Test
    public void circularReferenceIsShown() throws Exception {
        Path file = write("a = ${b}\nb = ${c}\nc = ${a}\n");
        LaunchException e = expectFailure(file);
        assertTrue(e.getMessage(), e.getMessage().contains("circular reference a -> b -> c -> a"));
    }

    @Test
    public void unclosedReferenceIsAnError() throws Exception {
        LaunchException e = expectFailure(write("a = ${weir.home\n"));
        assertTrue(e.getMessage(), e.getMessage().contains("'a' has an unclosed ${"));
    }

    @Test
    public void launcherKeysMayNotBeSet() throws Exception {
        LaunchException e = expectFailure(write("org.osgi.framework.storage = /tmp/cache\n"));
        assertTrue(e.getMessage(), e.getMessage().contains("remove 'org.osgi.framework.storage'"));
    }

    @Test
    public void missingFileIsAnError() {
        LaunchException e = expectFailure(temp.getRoot().toPath().resolve("absent.properties"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("missing "));
    }

    @Test
    public void nonUtf8FileIsAnError() throws Exception {
        Path file = temp.getRoot().toPath().resolve("latin1.properties");
        Files.write(file, new byte[] {'a', '=', (byte) 0xE9, '\n'});
        LaunchException e = expectFailure(file);
        assertTrue(e.getMessage(), e.getMessage().contains("is not UTF-8"));
    }

    @Test
    public void theShippedFileLoads() throws Exception {
        Path shipped = Path.of("../../config/etc/weir.properties");
        Map<String, String> result = FrameworkProperties.load(shipped, LAUNCHER, Map.of());
        assertEquals("/opt/weir/etc", result.get("felix.fileinstall.dir"));
        assertEquals("/var/weir/tmp", result.get("felix.fileinstall.tmpdir"));
        assertEquals(".*\\.(cfg|config)", result.get("felix.fileinstall.filter"));
        assertEquals("managed", result.get("felix.fileinstall.optionalImportRefreshScope"));
        assertEquals("managed", result.get("felix.fileinstall.fragmentRefreshScope"));
        assertTrue(Integer.parseInt(result.get("felix.fileinstall.poll")) <= 1000);
    }

    private static LaunchException expectFailure(Path file) {
        try {
            FrameworkProperties.load(file, LAUNCHER, Map.of());
            fail("expected a configuration error");
            return null;
        } catch (LaunchException e) {
            assertEquals(ExitCodes.USAGE, e.exitCode());
            return e;
        }
    }
}
