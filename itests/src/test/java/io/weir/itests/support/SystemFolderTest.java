package io.weir.itests.support;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.weir.itests.support.SystemFolder.SystemJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SystemFolderTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    public void readsNameVersionAndFragmentFromEachJarIncludingSubFolders() throws Exception {
        Path system = temporary.newFolder("system").toPath();
        Files.write(system.resolve("b.jar"), TestBundle.named("org.example.b;singleton:=true").version("2.1.0").build());
        Files.createDirectories(system.resolve("nested"));
        Files.write(system.resolve("nested/a.jar"), TestBundle.named("org.example.a")
                .header("Fragment-Host", "org.example.b").build());
        Files.writeString(system.resolve("README.txt"), "not a jar");

        List<SystemJar> jars = SystemFolder.scan(system);

        assertEquals(2, jars.size());
        assertEquals("org.example.b", jars.get(0).symbolicName());
        assertEquals("2.1.0", jars.get(0).version());
        assertFalse(jars.get(0).fragment());
        assertEquals("org.example.a", jars.get(1).symbolicName());
        assertTrue(jars.get(1).fragment());
    }

    @Test
    public void aJarWithoutSymbolicNameIsNamedInTheError() throws Exception {
        Path system = temporary.newFolder("system").toPath();
        Files.write(system.resolve("plain.jar"), TestBundle.named("x").header("Bundle-SymbolicName", " ").build());

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> SystemFolder.scan(system));
        assertThat(error.getMessage(), containsString("plain.jar"));
        assertThat(error.getMessage(), containsString("Bundle-SymbolicName"));
    }

    @Test
    public void aMissingOrEmptyFolderSaysHowToBuildTheDistribution() throws Exception {
        Path missing = temporary.getRoot().toPath().resolve("nowhere");
        assertThat(assertThrows(IllegalStateException.class, () -> SystemFolder.scan(missing)).getMessage(),
                containsString("build the distribution"));
        Path empty = temporary.newFolder("empty").toPath();
        assertThat(assertThrows(IllegalStateException.class, () -> SystemFolder.scan(empty)).getMessage(),
                containsString("no bundle jar"));
    }
}
