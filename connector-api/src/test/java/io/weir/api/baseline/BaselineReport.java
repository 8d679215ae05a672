package io.weir.api.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.BundleInfo;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * The verdict of bnd's baseline on a newer bundle against a released one, computed exactly as
 * bnd-baseline-maven-plugin 7.3.0 computes it (same {@link Baseline} and {@link DiffPluginImpl},
 * all packages, the module's diffignores): the build fails when the bundle or any package is a
 * mismatch.
 */
final class BaselineReport {

    /** One exported package as the baseline saw it. */
    record PackageVerdict(String name, String delta, String newer, String older, String suggested,
            boolean mismatch) {
        @Override
        public String toString() {
            return (mismatch ? "* " : "  ") + name + " " + delta + " " + newer + " (was " + older + ", suggested "
                    + suggested + ")";
        }
    }

    private final List<PackageVerdict> packages;
    private final boolean bundleMismatch;
    private final String bundleLine;

    private BaselineReport(List<PackageVerdict> packages, boolean bundleMismatch, String bundleLine) {
        this.packages = packages;
        this.bundleMismatch = bundleMismatch;
        this.bundleLine = bundleLine;
    }

    /**
     * Baselines {@code newer} against {@code older}.
     *
     * @param newer the bundle just built
     * @param older the released bundle
     * @return the verdict
     */
    static BaselineReport of(Jar newer, Jar older) throws Exception {
        try (Processor processor = new Processor()) {
            DiffPluginImpl differ = new DiffPluginImpl();
            differ.setIgnore(new Parameters(BuildSettings.diffIgnores(), processor));
            Baseline baseliner = new Baseline(processor, differ);
            List<PackageVerdict> packages = new ArrayList<>();
            for (Info info : baseliner.baseline(newer, older, new Instructions(new Parameters("*", processor)))) {
                packages.add(new PackageVerdict(info.packageName, info.packageDiff.getDelta().toString(),
                        String.valueOf(info.newerVersion), String.valueOf(info.olderVersion),
                        String.valueOf(info.suggestedVersion), info.mismatch));
            }
            packages.sort(Comparator.comparing(PackageVerdict::name));
            BundleInfo bundle = baseliner.getBundleInfo();
            String bundleLine = (bundle.mismatch ? "* " : "  ") + bundle.bsn + " " + baseliner.getDiff().getDelta() + " "
                    + bundle.newerVersion + " (was " + bundle.olderVersion + ", suggested " + bundle.suggestedVersion
                    + ")";
            if (bundle.mismatch) {
                // What the plugin prints too: the tree of changes that set the bundle's delta.
                bundleLine += "\n" + String.format("%#2S", baseliner.getDiff());
            }
            return new BaselineReport(List.copyOf(packages), bundle.mismatch, bundleLine);
        }
    }

    /** @return whether bnd-baseline-maven-plugin would let the build pass */
    boolean passes() {
        return !bundleMismatch && packages.stream().noneMatch(PackageVerdict::mismatch);
    }

    /** @return whether the bundle version is lower than the changes require */
    boolean bundleMismatch() {
        return bundleMismatch;
    }

    /** @return the verdict on one package, if the bundle exports it */
    Optional<PackageVerdict> get(String pkg) {
        return packages.stream().filter(p -> p.name().equals(pkg)).findFirst();
    }

    /** @return the packages whose version is lower than their changes require */
    List<PackageVerdict> mismatches() {
        return packages.stream().filter(PackageVerdict::mismatch).toList();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(bundleLine).append('\n');
        packages.forEach(p -> text.append(p).append('\n'));
        return text.toString();
    }
}
