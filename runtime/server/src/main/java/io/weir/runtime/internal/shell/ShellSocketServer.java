package io.weir.runtime.internal.shell;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the shell to {@code ./weir shell}: serves Gogo commands on the Unix domain socket named by the framework
 * property {@value #SOCKET_PROPERTY}, which the launcher sets. Without that property the shell stays console-only.
 */
@Component(immediate = true, service = {})
public class ShellSocketServer {

    /** Framework property: absolute path of the shell socket. */
    public static final String SOCKET_PROPERTY = "weir.shell.socket";

    private static final Logger LOG = LoggerFactory.getLogger(ShellSocketServer.class);

    @Reference
    private CommandProcessor processor;

    private UnixShellServer server;

    @Activate
    void activate(BundleContext context) {
        String path = context.getProperty(SOCKET_PROPERTY);
        if (path == null || path.isBlank()) {
            LOG.info("Framework property {} is not set: no shell socket, the console only", SOCKET_PROPERTY);
            return;
        }
        Path socket = Path.of(path.trim());
        if (!socket.isAbsolute()) {
            LOG.error("Framework property {} must be an absolute path, got '{}': no shell socket", SOCKET_PROPERTY, path);
            return;
        }
        try {
            server = UnixShellServer.start(socket, new GogoCommandRunner(processor), ShellLimits.DEFAULT);
            LOG.info("Shell listening on {}", socket);
        } catch (IOException e) {
            // The server runs on without the socket; the console still works.
            LOG.error("Shell socket not started ({} = {}): {}", SOCKET_PROPERTY, socket, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
