/**
 * Connectors: {@link io.weir.api.connector.Source sources} bring data into Weir,
 * {@link io.weir.api.connector.Sink sinks} take events out.
 *
 * <p>A connector bundle registers its sources and sinks as OSGi services, one per connector
 * instance, normally as a Declarative Services component with a required factory configuration.
 * The service property {@value io.weir.api.connector.Connector#TYPE} names the connector type
 * (for example {@code tcp_server}) and {@value io.weir.api.connector.Connector#INSTANCE} the
 * instance. The runtime runs each instance under a manager that owns the threads, the
 * preprocessors and codecs per stream, batching, acknowledgements, retries with backoff and the
 * circuit breaker, so that the interfaces here are small and synchronous.
 *
 * <p>Every call from the runtime into a connector is made from one manager thread at a time,
 * except {@link io.weir.api.connector.Source#ack}, {@link io.weir.api.connector.Source#fail},
 * which may come from another thread (see their documentation). A call that throws anything,
 * {@link java.lang.Error}s included, is caught by the manager: the error is logged once with the
 * instance's name, and the instance is closed and opened again with exponential backoff; after
 * repeated failures it is quarantined. Nothing a connector throws reaches another flow.
 *
 * <p>Versions: 1.1 added {@link io.weir.api.connector.SourceContext#error}, counted errors a source
 * reports itself, {@link io.weir.api.connector.SourceContext#endpoint}, the address it listens on, and
 * {@link io.weir.api.connector.SourceOutput#full}, which tells a source to end a pull early.
 */
@Export
@Version("1.1.0")
package io.weir.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
