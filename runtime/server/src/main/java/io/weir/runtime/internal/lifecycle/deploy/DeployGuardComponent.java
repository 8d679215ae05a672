package io.weir.runtime.internal.lifecycle.deploy;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link DeployGuard} in front of Felix FileInstall when FileInstall's API is wired to the runtime (the
 * import is optional, so the runtime also runs in a framework without FileInstall, as in tests), and listens to the
 * OSGi log for the jars FileInstall itself fails to install. Offers the problems found to the shell.
 */
@Component(immediate = true, service = DeployGuardComponent.class)
public class DeployGuardComponent {

    private static final Logger LOG = LoggerFactory.getLogger(DeployGuardComponent.class);
    private static final String FILEINSTALL_API = "org.apache.felix.fileinstall.ArtifactUrlTransformer";

    private final DeployProblems problems = new DeployProblems();
    private final FileInstallFailures failures = new FileInstallFailures(problems);
    private final LogListener logListener = this::logged;
    private final ServiceRegistration<?> registration;

    /** Registers the guard with FileInstall, if FileInstall is there. */
    @Activate
    public DeployGuardComponent(BundleContext context) {
        if (fileInstallWired()) {
            DeployGuard guard = new DeployGuard(LOG::warn, problems);
            problems.reviewBy(guard::review);
            registration = FileInstallGuard.register(context, guard);
        } else {
            registration = null;
            LOG.info("Felix FileInstall's API is not wired to the runtime: jars dropped into a watched folder are not"
                    + " checked for duplicates");
        }
    }

    /** The deploy problems as they stand. */
    public DeployProblems problems() {
        return problems;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLogReader")
    void addLogReader(LogReaderService reader) {
        reader.addLogListener(logListener);
    }

    void removeLogReader(LogReaderService reader) {
        reader.removeLogListener(logListener);
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

    /** Runs on the logging thread for every log entry: cheap unless it is FileInstall's, and never throws. */
    private void logged(LogEntry entry) {
        try {
            String bundle = entry.getBundle() == null ? null : entry.getBundle().getSymbolicName();
            failures.logged(bundle, entry.getTime(), entry.getMessage(), entry.getException());
        } catch (RuntimeException e) {
            LOG.debug("could not read a log entry of FileInstall", e);
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
