/**
 * Pipeline operators: the nodes of a pipeline's graph.
 *
 * <p>A bundle registers an {@link io.weir.api.operator.OperatorFactory} service with the property
 * {@value io.weir.api.operator.OperatorFactory#NAME}; a pipeline configuration names operators by
 * that type. Each operator has named output ports: {@value io.weir.api.operator.Emitter#OUT} by
 * default, {@value io.weir.api.operator.Emitter#ERR} for events it could not process, and any
 * others it documents.
 */
@Export
@Version("1.0.0")
package io.weir.api.operator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
