package io.weir.launcher.internal;

import java.nio.file.Path;

/** Child process for {@link InstanceLockTest}: holds the lock until its stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (InstanceLock lock = InstanceLock.acquire(Path.of(args[0]), ProcessHandle.current().pid())) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
