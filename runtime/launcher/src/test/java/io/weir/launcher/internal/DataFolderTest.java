package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DataFolderTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void createsTheFoldersOwnerOnly() throws Exception {
        Path root = temp.getRoot().toPath().resolve("data");
        DataFolder data = DataFolder.prepare(root);
        assertTrue(Files.isDirectory(data.log()));
        assertTrue(Files.isDirectory(data.tmp()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals(root.resolve("weir.sock"), data.shellSocket());
        assertEquals(root.resolve("cache"), data.cache());
        assertEquals(root.resolve("weir.lock"), data.lockFile());
        assertEquals(root.resolve("weir.pid"), data.pidFile());
        assertTrue(data.permissionWarning().isEmpty());
    }

    @Test
    public void anExistingOpenFolderIsLeftAloneWithAWarning() throws Exception {
        Path root = temp.newFolder("shared").toPath();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataFolder data = DataFolder.prepare(root);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals("warning: data folder " + root + " is open to other users (rwxr-xr-x); only the shell socket's"
                + " own permissions keep them out of the shell: chmod 700 " + root, data.permissionWarning().get());
    }

    @Test
    public void anExistingOwnerOnlyFolderNeedsNoWarning() throws Exception {
        Path root = temp.newFolder("private").toPath();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        assertTrue(DataFolder.prepare(root).permissionWarning().isEmpty());
    }

    @Test
    public void aFolderThatCannotBeCreatedIsReportedAsNotWritable() throws Exception {
        Path file = temp.newFile("plain-file").toPath();
        try {
            DataFolder.prepare(file.resolve("data"));
            fail("expected the data folder to be refused");
        } catch (LaunchException e) {
            assertEquals(ExitCodes.DATA_NOT_WRITABLE, e.exitCode());
            assertTrue(e.getMessage(), e.getMessage().startsWith("data folder " + file.resolve("data") + " is not writable: "));
        }
    }

    @Test
    public void aSocketPathTheKernelWouldRefuseIsAnError() throws Exception {
        Path deep = temp.getRoot().toPath().resolve("x".repeat(120));
        try {
            DataFolder.prepare(deep);
            fail("expected the long path to be refused");
        } catch (LaunchException e) {
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertTrue(e.getMessage(), e.getMessage().contains("too long for the shell socket"));
        }
    }
}
