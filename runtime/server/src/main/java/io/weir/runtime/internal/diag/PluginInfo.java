package io.weir.runtime.internal.diag;

import java.util.List;

/**
 * What {@code weir:plugins} shows for one bundle.
 *
 * @param bundle   the bundle
 * @param state    its state name (ACTIVE, INSTALLED, ...)
 * @param imports  its imports with their wiring
 * @param problems why it is not running, one message each; empty when all is well
 */
public record PluginInfo(BundleRef bundle, String state, List<WiredImport> imports, List<String> problems) {
}
