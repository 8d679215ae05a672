package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InstanceLockTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void holderWritesItsPidAndReleases() throws Exception {
        Path file = temp.getRoot().toPath().resolve("weir.lock");
        try (InstanceLock lock = InstanceLock.acquire(file, 4242)) {
            assertEquals("4242", Files.readString(file).strip());
        }
        try (InstanceLock again = InstanceLock.acquire(file, 4343)) {
            assertEquals("4343", Files.readString(file).strip());
        }
    }

    @Test
    public void secondHolderInTheSameProcessIsRefused() throws Exception {
        Path file = temp.getRoot().toPath().resolve("weir.lock");
        try (InstanceLock lock = InstanceLock.acquire(file, 4242)) {
            assertRefused(file, "4242");
        }
    }

    @Test
    public void anotherProcessHoldingTheLockIsNamedByPid() throws Exception {
        Path file = temp.getRoot().toPath().resolve("weir.lock");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            assertRefused(file, Long.toString(child.pid()));
            child.getOutputStream().close();
            assertTrue("the lock holder did not exit", child.waitFor(30, TimeUnit.SECONDS));
            try (InstanceLock lock = InstanceLock.acquire(file, 1)) {
                assertEquals("1", Files.readString(file).strip());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    public void unopenableLockFileIsADataFolderProblem() throws Exception {
        Path file = temp.newFile("plain").toPath().resolve("weir.lock");
        try {
            InstanceLock.acquire(file, 1);
            fail("expected the lock to be refused");
        } catch (LaunchException e) {
            assertEquals(ExitCodes.DATA_NOT_WRITABLE, e.exitCode());
        }
    }

    private static void assertRefused(Path file, String holderPid) {
        try {
            InstanceLock.acquire(file, 9999).close();
            fail("expected the second lock to be refused");
        } catch (LaunchException e) {
            assertEquals(ExitCodes.ALREADY_RUNNING, e.exitCode());
            assertEquals("another Weir is already running on data folder " + file.getParent() + " (pid " + holderPid + ")",
                    e.getMessage());
        }
    }
}
