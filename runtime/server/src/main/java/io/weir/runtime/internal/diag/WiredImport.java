package io.weir.runtime.internal.diag;

import org.osgi.framework.Version;

/**
 * An import and what the framework wired it to.
 *
 * @param requested the import as the manifest declares it
 * @param version   the version of the package it is wired to, or {@code null} when it is not wired
 * @param provider  the bundle that exports that package, or {@code null} when it is not wired
 */
public record WiredImport(PackageImport requested, Version version, BundleRef provider) {

    /** "1.0.0", or "not wired". */
    public String wiredText() {
        return version == null ? "not wired" : version.toString();
    }
}
