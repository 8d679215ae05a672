package io.weir.runtime.internal.lifecycle.deploy;

import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.fileinstall.ArtifactUrlTransformer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The deploy guard as FileInstall sees it: the highest-ranked artifact listener, so FileInstall asks it first
 * about every new file. For a duplicate it answers "mine" and then transforms it to nothing, which makes
 * FileInstall drop the file without installing or updating anything; every other file it leaves to FileInstall's
 * own bundle handling. The only class of the runtime that touches FileInstall's API, loaded only when that API is
 * wired.
 */
final class FileInstallGuard implements ArtifactUrlTransformer {

    private final BundleContext context;
    private final DeployGuard guard;

    private FileInstallGuard(BundleContext context, DeployGuard guard) {
        this.context = context;
        this.guard = guard;
    }

    /** Registers the guard with the highest ranking, ahead of FileInstall's own bundle handling. */
    static ServiceRegistration<?> register(BundleContext context, DeployGuard guard) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        properties.put(Constants.SERVICE_DESCRIPTION, "Weir deploy guard: refuses duplicate bundles, reports unreadable jars");
        return context.registerService(ArtifactUrlTransformer.class, new FileInstallGuard(context, guard), properties);
    }

    @Override
    public boolean canHandle(File artifact) {
        return guard.inspect(artifact, installed()) == DeployGuard.Verdict.REFUSE;
    }

    /** A refused file becomes nothing: FileInstall then leaves it alone until it changes. */
    @Override
    public URL transform(URL artifact) {
        return null;
    }

    private List<InstalledBundle> installed() {
        List<InstalledBundle> installed = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            installed.add(new InstalledBundle(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion(),
                    bundle.getLocation()));
        }
        return installed;
    }
}
