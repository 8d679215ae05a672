package io.weir.runtime.internal.diag;

import org.osgi.framework.Version;

/**
 * A package that an installed bundle exports.
 *
 * @param packageName      the package
 * @param version          its exported version
 * @param exporter         the bundle that exports it
 * @param exporterResolved whether that bundle is resolved, so its exports can actually be wired
 */
public record PackageExport(String packageName, Version version, BundleRef exporter, boolean exporterResolved) {
}
