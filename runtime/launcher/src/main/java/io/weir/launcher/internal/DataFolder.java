package io.weir.launcher.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The data folder: {@code cache/} (framework), {@code log/}, {@code tmp/}, the shell socket, the lock and the pid
 * file. When the launcher creates it, it is owner-only (0700), because the shell socket inside accepts commands
 * from whoever reaches it; an existing folder keeps its permissions (see {@link #permissionWarning()}).
 */
public final class DataFolder {
    /** Longest socket path the kernel accepts ({@code sun_path} is 108 bytes with the terminating NUL). */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Path root;
    private String openToOthers;

    private DataFolder(Path root) {
        this.root = root;
    }

    /**
     * Creates the folder and its sub-folders if needed, restricts it to its owner and proves it is writable.
     *
     * @throws LaunchException {@link ExitCodes#DATA_NOT_WRITABLE} when any of that fails;
     *                         {@link ExitCodes#USAGE} when the socket path would be too long for the kernel
     */
    public static DataFolder prepare(Path root) throws LaunchException {
        DataFolder folder = new DataFolder(root);
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                restrictToOwner(root);
            } else {
                folder.openToOthers = openToOthers(root);
            }
            Files.createDirectories(folder.log());
            Files.createDirectories(folder.tmp());
            Path probe = Files.createTempFile(root, ".write-test", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new LaunchException(ExitCodes.DATA_NOT_WRITABLE,
                    "data folder " + root + " is not writable: " + reason(root, e));
        }
        int socketBytes = folder.shellSocket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (socketBytes > MAX_SOCKET_PATH_BYTES) {
            throw new LaunchException(ExitCodes.USAGE, "data folder path too long for the shell socket "
                    + folder.shellSocket() + " (" + socketBytes + " bytes, at most " + MAX_SOCKET_PATH_BYTES
                    + "): choose a shorter data folder");
        }
        return folder;
    }

    private static void restrictToOwner(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** The permissions of a folder that others may enter, or null when only its owner may. */
    private static String openToOthers(Path dir) throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return null;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
        boolean open = permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        return open ? PosixFilePermissions.toString(permissions) : null;
    }

    /**
     * A warning when the folder existed and others may enter it: it is left as it is (it may be shared on
     * purpose), but the shell socket inside is then protected only by its own permissions.
     */
    public Optional<String> permissionWarning() {
        return openToOthers == null ? Optional.empty() : Optional.of("warning: data folder " + root
                + " is open to other users (" + openToOthers + "); only the shell socket's own permissions keep them"
                + " out of the shell: chmod 700 " + root);
    }

    private static String reason(Path root, Exception e) {
        if (!(e instanceof FileSystemException)) {
            return LaunchException.oneLine(e);
        }
        FileSystemException fse = (FileSystemException) e;
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "a file of that name is in the way";
        } else if (e instanceof NoSuchFileException) {
            why = "it cannot be created there";
        } else if (fse.getReason() != null) {
            why = fse.getReason();
        } else {
            why = LaunchException.oneLine(e);
        }
        String file = fse.getFile();
        return file == null || file.equals(root.toString()) ? why : why + " (" + file + ")";
    }

    public Path root() {
        return root;
    }

    /** Felix's bundle cache. */
    public Path cache() {
        return root.resolve("cache");
    }

    /** Log files ({@code weir.log} from pax-logging, {@code console.log} in background mode). */
    public Path log() {
        return root.resolve("log");
    }

    /** Scratch space, e.g. FileInstall's {@code felix.fileinstall.tmpdir}. */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /** The Unix domain socket the shell server listens on. */
    public Path shellSocket() {
        return root.resolve("weir.sock");
    }

    /** Held locked by the running instance. */
    public Path lockFile() {
        return root.resolve("weir.lock");
    }

    /** Holds the pid of the running instance once it has started; removed when it stops. */
    public Path pidFile() {
        return root.resolve("weir.pid");
    }

    /** Fingerprints of the system/ jars installed in the cache. */
    public Path systemState() {
        return root.resolve("system.state");
    }
}
