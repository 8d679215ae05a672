package io.weir.runtime.internal.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * Explains in plain words which imported packages keep a bundle from resolving, and what the operator can do.
 *
 * <p>Pure logic: it compares the ranges a bundle asks for with the packages the installed bundles export, so it
 * gives the same answer the resolver would for version mismatches and missing packages, without a framework.
 */
public final class ImportDiagnostics {

    private ImportDiagnostics() {
    }

    /**
     * One message per mandatory import that no resolved bundle can satisfy.
     *
     * @param self    the bundle being diagnosed; its own exports satisfy its imports (bnd's substitutable exports)
     * @param imports what the bundle imports
     * @param exports every package exported by an installed bundle
     */
    public static List<String> unsatisfied(BundleRef self, List<PackageImport> imports, List<PackageExport> exports) {
        List<String> messages = new ArrayList<>();
        for (PackageImport imp : imports) {
            List<PackageExport> candidates = exports.stream()
                    .filter(e -> e.packageName().equals(imp.packageName()))
                    .collect(Collectors.toList());
            explain(self, imp, candidates).ifPresent(messages::add);
        }
        return messages;
    }

    /**
     * Why one import cannot be wired, or empty if it can (or is optional).
     *
     * @param candidates the exports of that package
     */
    public static Optional<String> explain(BundleRef self, PackageImport imp, List<PackageExport> candidates) {
        if (imp.optional()) {
            return Optional.empty();
        }
        VersionRange range = imp.range();
        if (range.isEmpty()) {
            return Optional.of(needs(imp) + ", a range that no version can match — the plugin's manifest is broken;"
                    + " rebuild it");
        }
        List<PackageExport> inRange = candidates.stream()
                .filter(e -> range.includes(e.version()))
                .collect(Collectors.toList());
        if (inRange.stream().anyMatch(e -> e.exporterResolved() || e.exporter().id() == self.id())) {
            return Optional.empty();
        }
        String needs = needs(imp);
        if (!inRange.isEmpty()) {
            PackageExport waiting = inRange.get(0);
            return Optional.of(needs + " which only " + waiting.exporter().describe()
                    + " exports, and that bundle is not resolved either — see weir:diag " + waiting.exporter().id());
        }
        if (candidates.isEmpty()) {
            if (imp.isApi()) {
                return Optional.of(needs + " but this server has no " + imp.packageName()
                        + " at all — upgrade Weir to a version that provides it");
            }
            return Optional.of(needs + " which no installed bundle exports"
                    + " — deploy a bundle that exports it, or embed the library in the plugin");
        }
        if (imp.isApi()) {
            return Optional.of(apiMismatch(imp, candidates));
        }
        return Optional.of(libraryMismatch(imp, candidates));
    }

    private static String needs(PackageImport imp) {
        String what = imp.isApi() ? imp.packageName() : "package " + imp.packageName();
        return "needs " + what + " " + VersionText.range(imp.range());
    }

    /** The plugin and the server disagree on an API package version: say who is ahead and how to fix it. */
    private static String apiMismatch(PackageImport imp, List<PackageExport> candidates) {
        String pkg = imp.packageName();
        Version provided = highest(candidates);
        Version wanted = imp.range().getLeft();
        boolean wantsNewer = wanted.compareTo(provided) > 0
                || (wanted.equals(provided) && imp.range().getLeftType() == VersionRange.LEFT_OPEN);
        String advice;
        if (wantsNewer && wanted.getMajor() > provided.getMajor()) {
            advice = "rebuild the plugin against connector-api " + provided.getMajor() + ".x or upgrade Weir";
        } else if (wantsNewer) {
            advice = "rebuild the plugin against connector-api " + VersionText.majorMinor(provided)
                    + " or upgrade Weir to one that provides " + pkg + " " + VersionText.majorMinor(wanted);
        } else if (provided.getMajor() > wanted.getMajor()) {
            advice = "the plugin was built for the older " + pkg + " " + wanted.getMajor()
                    + ".x; rebuild it against connector-api " + provided.getMajor() + ".x";
        } else {
            advice = "rebuild the plugin against connector-api " + VersionText.majorMinor(provided);
        }
        return needs(imp) + " but this server provides " + pkg + " " + versions(candidates) + " — " + advice;
    }

    private static String libraryMismatch(PackageImport imp, List<PackageExport> candidates) {
        String pkg = imp.packageName();
        boolean fromJava = candidates.stream().allMatch(e -> e.exporter().id() == BundleRef.SYSTEM_BUNDLE_ID);
        if (fromJava) {
            return needs(imp) + " but the Java runtime exports " + pkg + " only as version " + versions(candidates)
                    + " — rebuild the plugin so that it imports " + pkg + " without a version range";
        }
        String exporters = candidates.stream()
                .map(e -> pkg + " " + e.version() + " from " + e.exporter().describe())
                .collect(Collectors.joining(", "));
        return needs(imp) + " but the installed bundles export only " + exporters
                + " — deploy a bundle that exports a version in that range, or rebuild the plugin against "
                + pkg + " " + highest(candidates);
    }

    private static Version highest(List<PackageExport> candidates) {
        return candidates.stream().map(PackageExport::version).max(Comparator.naturalOrder()).orElseThrow();
    }

    private static String versions(List<PackageExport> candidates) {
        return candidates.stream().map(PackageExport::version).distinct().sorted()
                .map(Version::toString).collect(Collectors.joining(" and "));
    }
}
