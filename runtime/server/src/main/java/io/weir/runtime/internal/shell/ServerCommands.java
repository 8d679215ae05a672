package io.weir.runtime.internal.shell;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shell command {@code weir:shutdown}: stops the whole server cleanly. */
@Component(service = ServerCommands.class, property = {
    "osgi.command.scope=weir",
    "osgi.command.function=shutdown"
})
public class ServerCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommands.class);

    private final Bundle systemBundle;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Stops the framework this context belongs to. */
    @Activate
    public ServerCommands(BundleContext context) {
        this.systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
    }

    /** Starts a clean shutdown and returns at once. */
    @Descriptor("Stop the server cleanly: every bundle stops in order (flows drain, plugins close), then the"
            + " process exits. Answers first, so `./weir shell weir:shutdown` gets its reply and status 0")
    public String shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return "Weir is already shutting down.";
        }
        // Stop from another thread: this one must return the answer, and the shell socket waits for running
        // commands to finish their reply before it closes.
        Thread stopper = new Thread(this::stopFramework, "weir-shutdown");
        stopper.start();
        return "Weir is shutting down.";
    }

    private void stopFramework() {
        try {
            systemBundle.stop();
        } catch (BundleException | IllegalStateException | SecurityException e) {
            stopping.set(false);
            LOG.error("weir:shutdown could not stop the framework: {}", e.getMessage(), e);
        }
    }
}
