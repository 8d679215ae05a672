package io.weir.runtime.internal.diag;

import org.osgi.framework.VersionRange;

/**
 * One package named in a bundle's Import-Package header.
 *
 * @param packageName the package
 * @param range       the version range it asks for ({@code [0.0.0,∞)} when the header gives none)
 * @param optional    {@code resolution:=optional}: the bundle resolves without it
 */
public record PackageImport(String packageName, VersionRange range, boolean optional) {

    /** Packages of the plugin SPI; their versions decide whether a plugin fits this server. */
    public static final String API_PREFIX = "io.weir.api.";

    /** Whether this is an import of a Weir plugin API package. */
    public boolean isApi() {
        return packageName.startsWith(API_PREFIX);
    }
}
