package io.weir.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Makes the bundles installed from {@code system/} match its jars, then marks them for start at their level.
 * Runs between {@code init()} and {@code start()} of the framework, while no bundle is resolved yet, so updates
 * and uninstalls need no refresh.
 */
public final class SystemBundles {
    private final BundleContext context;
    private final Path systemFolder;
    private final Path stateFile;
    private final StartOrder startOrder;
    private final PrintStream err;

    public SystemBundles(BundleContext context, Path systemFolder, Path stateFile, StartOrder startOrder, PrintStream err) {
        this.context = context;
        this.systemFolder = systemFolder;
        this.stateFile = stateFile;
        this.startOrder = startOrder;
        this.err = err;
    }

    /**
     * Installs, updates and uninstalls as {@link SyncPlan} says, sets each bundle's start level and marks every
     * non-fragment for start. A jar that fails gets one warning line and is skipped: the rest still starts.
     *
     * @return the managed bundles, by location
     */
    public Map<String, Bundle> syncAndMarkForStart() throws LaunchException {
        List<SystemJar> jars;
        try {
            jars = SystemJar.scan(systemFolder);
        } catch (IOException e) {
            throw new LaunchException(ExitCodes.FAILED, "cannot list " + systemFolder + ": " + LaunchException.oneLine(e));
        }
        if (jars.isEmpty()) {
            throw new LaunchException(ExitCodes.USAGE, "no bundles in " + systemFolder + ": is this a Weir home?");
        }
        Map<String, Bundle> managed = managedBundles();
        Map<String, String> fingerprints = new HashMap<>(Fingerprints.load(stateFile));
        fingerprints.keySet().retainAll(managed.keySet());
        SyncPlan plan = SyncPlan.of(jars, managed.keySet(), fingerprints);

        for (String location : plan.uninstall()) {
            try {
                managed.remove(location).uninstall();
                fingerprints.remove(location);
            } catch (BundleException e) {
                warn(location, "not uninstalled", e);
            }
        }
        for (SystemJar jar : plan.update()) {
            try (InputStream in = Files.newInputStream(jar.path())) {
                managed.get(jar.location()).update(in);
                fingerprints.put(jar.location(), jar.fingerprint());
            } catch (IOException | BundleException e) {
                warn(jar.location(), "not updated", e);
            }
        }
        for (SystemJar jar : plan.install()) {
            try (InputStream in = Files.newInputStream(jar.path())) {
                managed.put(jar.location(), context.installBundle(jar.location(), in));
                fingerprints.put(jar.location(), jar.fingerprint());
            } catch (IOException | BundleException e) {
                warn(jar.location(), "not installed", e);
            }
        }
        try {
            Fingerprints.save(stateFile, fingerprints);
        } catch (IOException e) {
            err.println("warning: cannot write " + stateFile + " (" + LaunchException.oneLine(e)
                    + "); system bundles will be updated again at the next start");
        }
        for (Bundle bundle : managed.values()) {
            markForStart(bundle);
        }
        return managed;
    }

    private Map<String, Bundle> managedBundles() {
        Map<String, Bundle> managed = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(SystemJar.LOCATION_PREFIX)) {
                managed.put(bundle.getLocation(), bundle);
            }
        }
        return managed;
    }

    private void markForStart(Bundle bundle) {
        try {
            bundle.adapt(BundleStartLevel.class).setStartLevel(startOrder.levelOf(bundle.getSymbolicName()));
            if (!isFragment(bundle)) {
                // Persistent start: the framework starts it when its level is reached, now and at every restart.
                bundle.start();
            }
        } catch (BundleException | IllegalStateException e) {
            warn(bundle.getLocation(), "not started", e);
        }
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private void warn(String location, String what, Exception e) {
        err.println("warning: " + location.substring(SystemJar.LOCATION_PREFIX.length()) + " " + what + ": "
                + LaunchException.oneLine(e));
    }
}
