package io.weir.runtime.internal.diag;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** Writes versions and ranges the way operators read them in diagnostics. */
final class VersionText {

    private VersionText() {
    }

    /** "[1.0.0,2.0.0)" for a bounded range, ">=1.2.0" for an open one, "(any version)" for none. */
    static String range(VersionRange range) {
        if (range.getRight() != null) {
            return range.toString();
        }
        if (range.getLeft().equals(Version.emptyVersion) && range.getLeftType() == VersionRange.LEFT_CLOSED) {
            return "(any version)";
        }
        return (range.getLeftType() == VersionRange.LEFT_CLOSED ? ">=" : ">") + range.getLeft();
    }

    /** "1.2" — the major and minor parts, as plugin authors name an API line. */
    static String majorMinor(Version version) {
        return version.getMajor() + "." + version.getMinor();
    }
}
