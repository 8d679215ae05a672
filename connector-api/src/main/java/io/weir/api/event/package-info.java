/**
 * The event model every Weir plugin shares: {@link io.weir.api.event.Event} and
 * {@link io.weir.api.event.EventId}.
 *
 * <p>Events are plain data. Their value is a JSON-like tree built only from {@code java.util.Map}
 * (string keys), {@code java.util.List}, {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code byte[]} and {@code null}. No plugin class ever lives inside an event, so
 * an event outlives the plugin bundle that made it and crosses a hot swap unchanged.
 */
@Export
@Version("1.0.0")
package io.weir.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
