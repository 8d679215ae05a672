package io.weir.runtime.internal.diag;

import java.util.Map;

/**
 * A capability that an installed bundle (or the Java runtime, through the system bundle) provides.
 *
 * @param namespace  the capability namespace
 * @param attributes its attributes, which requirement filters match
 * @param provider   the bundle that provides it
 */
public record Capability(String namespace, Map<String, Object> attributes, BundleRef provider) {
}
