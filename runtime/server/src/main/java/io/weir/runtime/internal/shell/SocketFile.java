package io.weir.runtime.internal.shell;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * The file system side of the shell socket: an owner-only parent folder, stale sockets left by a dead server,
 * owner-only permissions on the socket, and removing exactly our own socket on stop.
 */
final class SocketFile {

    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private SocketFile() {
    }

    /**
     * Makes the path ready to bind: creates the parent folder (owner-only) if it is missing, and removes a socket
     * file that no process listens on any more.
     *
     * @throws IOException if the path is relative, is taken by something that is not a socket, or another
     *                     server is listening on it
     */
    static void prepare(Path socket) throws IOException {
        if (!socket.isAbsolute()) {
            throw new IOException("the shell socket path must be absolute, got " + socket);
        }
        Path parent = socket.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            throw new IOException(socket + " exists and is not a socket; move it away so the shell can listen there");
        }
        if (isLive(socket)) {
            throw new IOException("another server is already listening on " + socket);
        }
        // Left behind by a server that died without cleaning up: nothing answers on it.
        Files.deleteIfExists(socket);
    }

    /** Whether a process accepts connections on the socket. */
    static boolean isLive(Path socket) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    /** Restricts the bound socket to its owner and returns its file key, which identifies it for {@link #delete}. */
    static Object restrict(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, OWNER_READ_WRITE);
        return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Deletes the socket if it is still the one we bound (another server may have replaced it since). */
    static void delete(Path socket, Object fileKey) throws IOException {
        try {
            Object current = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (fileKey == null || Objects.equals(current, fileKey)) {
                Files.deleteIfExists(socket);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }
}
