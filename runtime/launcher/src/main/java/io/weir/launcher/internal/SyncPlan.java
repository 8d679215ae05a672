package io.weir.launcher.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to do so that the bundles installed from {@code system/} match the jars now in it: install the new jars,
 * update those whose fingerprint changed since they were installed, uninstall those whose jar is gone.
 */
public final class SyncPlan {
    private final List<SystemJar> install;
    private final List<SystemJar> update;
    private final List<String> uninstall;

    private SyncPlan(List<SystemJar> install, List<SystemJar> update, List<String> uninstall) {
        this.install = Collections.unmodifiableList(install);
        this.update = Collections.unmodifiableList(update);
        this.uninstall = Collections.unmodifiableList(uninstall);
    }

    /**
     * @param jars                the jars in {@code system/}
     * @param installedLocations  locations of the installed bundles the launcher manages
     * @param fingerprints        the fingerprint each location had when it was last installed or updated;
     *                            a missing entry counts as changed
     */
    public static SyncPlan of(List<SystemJar> jars, Set<String> installedLocations, Map<String, String> fingerprints) {
        List<SystemJar> install = new ArrayList<>();
        List<SystemJar> update = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (SystemJar jar : jars) {
            present.add(jar.location());
            if (!installedLocations.contains(jar.location())) {
                install.add(jar);
            } else if (!jar.fingerprint().equals(fingerprints.get(jar.location()))) {
                update.add(jar);
            }
        }
        List<String> uninstall = new ArrayList<>();
        for (String location : new TreeSet<>(installedLocations)) {
            if (!present.contains(location)) {
                uninstall.add(location);
            }
        }
        return new SyncPlan(install, update, uninstall);
    }

    public List<SystemJar> install() {
        return install;
    }

    public List<SystemJar> update() {
        return update;
    }

    public List<String> uninstall() {
        return uninstall;
    }

    /** True when the cache already matches {@code system/}. */
    public boolean isEmpty() {
        return install.isEmpty() && update.isEmpty() && uninstall.isEmpty();
    }
}
