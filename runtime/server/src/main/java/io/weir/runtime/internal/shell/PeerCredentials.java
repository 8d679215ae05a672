package io.weir.runtime.internal.shell;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Reads the OS user on the other end of a Unix domain connection (SO_PEERCRED). A second check behind the
 * socket file's owner-only permissions: it also refuses a client that connected in the instant between bind
 * and chmod.
 */
final class PeerCredentials {

    private PeerCredentials() {
    }

    /** The peer's user name, or empty where the platform (or the framework's exports) cannot tell. */
    static Optional<String> user(SocketChannel channel) {
        try {
            UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return Optional.of(principal.user().getName());
        } catch (UnsupportedOperationException | IOException | LinkageError e) {
            return Optional.empty();
        }
    }
}
