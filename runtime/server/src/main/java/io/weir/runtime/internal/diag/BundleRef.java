package io.weir.runtime.internal.diag;

/**
 * Names a bundle in diagnostic messages: its id, symbolic name and version.
 */
public record BundleRef(long id, String symbolicName, String version) {

    /** Id of the system bundle, which exports the Java runtime's and the framework's packages. */
    public static final long SYSTEM_BUNDLE_ID = 0L;

    /** "name version (id N)", or "the Java runtime" for the system bundle. */
    public String describe() {
        if (id == SYSTEM_BUNDLE_ID) {
            return "the Java runtime";
        }
        return symbolicName + " " + version + " (id " + id + ")";
    }
}
