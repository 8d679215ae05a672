package io.weir.runtime.internal.lifecycle;

/**
 * What names a plugin revision to an operator. Plain strings only: nothing here may keep the revision's
 * class loader reachable.
 *
 * @param bundleId     the bundle's id
 * @param symbolicName its Bundle-SymbolicName
 * @param version      its Bundle-Version
 * @param location     where it was installed from (for FileInstall, the jar's file URL)
 */
public record RevisionInfo(long bundleId, String symbolicName, String version, String location) {

    /** {@code com.acme.tcp 1.2.0 (bundle 42)}. */
    @Override
    public String toString() {
        return symbolicName + " " + version + " (bundle " + bundleId + ")";
    }
}
