/**
 * The operator graph engine the runtime runs pipelines with. Exported to the runtime only; plugins
 * never import it (they implement {@link io.weir.api.operator}).
 */
@Export
@Version("1.0.0")
package io.weir.pipeline.graph;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
