package io.weir.runtime.internal.diag;

/**
 * A requirement other than a package import (Require-Capability, Require-Bundle, the Java version a bundle
 * was built for), as the framework read it from the manifest.
 *
 * @param namespace the capability namespace, for example {@code osgi.ee}
 * @param filter    the LDAP filter a capability must match, or {@code null} for any capability of the namespace
 * @param optional  {@code resolution:=optional}: the bundle resolves without it
 */
public record Requirement(String namespace, String filter, boolean optional) {
}
