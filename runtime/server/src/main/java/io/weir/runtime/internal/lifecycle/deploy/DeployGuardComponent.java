package io.weir.runtime.internal.lifecycle.deploy;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link DeployGuard} in front of Felix FileInstall when FileInstall's API is wired to the runtime (the
 * import is optional, so the runtime also runs in a framework without FileInstall, as in tests).
 */
@Component(immediate = true, service = {})
public class DeployGuardComponent {

    private static final Logger LOG = LoggerFactory.getLogger(DeployGuardComponent.class);
    private static final String FILEINSTALL_API = "org.apache.felix.fileinstall.ArtifactUrlTransformer";

    private final ServiceRegistration<?> registration;

    /** Registers the guard with FileInstall, if FileInstall is there. */
    @Activate
    public DeployGuardComponent(BundleContext context) {
        if (fileInstallWired()) {
            registration = FileInstallGuard.register(context, new DeployGuard(LOG::warn));
        } else {
            registration = null;
            LOG.info("Felix FileInstall's API is not wired to the runtime: jars dropped into a watched folder are not"
                    + " checked for duplicates");
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it while stopping the runtime
            }
        }
    }

    private boolean fileInstallWired() {
        try {
            Class.forName(FILEINSTALL_API, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
