package io.weir.runtime.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype description of the manager options. Each may be set in a connector's own file beside its
 * connector options; {@code etc/weir.manager.cfg} sets server-wide defaults for them. The codec and
 * processor keys ({@code codec}, {@code codec.<option>}, {@code preprocessors},
 * {@code preprocessor.<name>.<option>}, {@code postprocessors}, {@code postprocessor.<name>.<option>})
 * are per connector only; see docs/configuration.md.
 */
@ObjectClassDefinition(id = "weir.manager", name = "Weir connector managers",
        description = "Defaults for the options the runtime applies to every source and sink instance. A connector's"
                + " own file may set each of them too, which wins.")
public @interface ManagerConfig {

    /** @return batch size */
    @AttributeDefinition(name = "Batch size", description = "Sources: events per batch handed downstream. Sinks:"
            + " most events written between two flushes", min = "1", max = "1000000")
    int batch_size() default 64;

    /** @return batch timeout */
    @AttributeDefinition(name = "Batch timeout (ms)", description = "Sources: how long a batch may wait to fill"
            + " before it is handed on; 0 hands on after every pull", min = "0", max = "60000")
    int batch_timeout__ms() default 5;

    /** @return pull timeout */
    @AttributeDefinition(name = "Pull timeout (ms)", description = "Sources: the longest a pull may wait for data,"
            + " which bounds how fast a source notices a pause or stop", min = "1", max = "60000")
    int pull_timeout__ms() default 100;

    /** @return queue capacity */
    @AttributeDefinition(name = "Queue capacity", description = "Sinks: events that may wait in front of the sink"
            + " before the flow is held back", min = "1", max = "10000000")
    int queue_capacity() default 1024;

    /** @return queue byte bound */
    @AttributeDefinition(name = "Queue capacity (bytes)", description = "Sinks and pipelines: the estimated heap"
            + " that events waiting in front of the node may take before the flow is held back, beside queue.capacity"
            + " (whichever is reached first). The estimate counts each event's values and structure", min = "1024",
            max = "1099511627776")
    long queue_capacity__bytes() default 262144;

    /** @return delivery timeout */
    @AttributeDefinition(name = "Delivery timeout (ms)", description = "Sinks: how long a deferred event may stay"
            + " unacknowledged before it is failed", min = "1", max = "86400000")
    int delivery_timeout__ms() default 30000;

    /** @return first backoff */
    @AttributeDefinition(name = "Retry backoff (ms)", description = "Delay before reopening an instance that"
            + " failed; doubles with each failure in a row", min = "1", max = "3600000")
    int retry_backoff__ms() default 100;

    /** @return longest backoff */
    @AttributeDefinition(name = "Longest retry backoff (ms)", description = "The longest delay between attempts;"
            + " after running this long without failing the delay starts again from retry.backoff_ms",
            min = "1", max = "86400000")
    int retry_max__backoff__ms() default 30000;

    /** @return close timeout */
    @AttributeDefinition(name = "Close timeout (ms)", description = "How long closing an instance may take"
            + " before its manager gives up on it", min = "1", max = "600000")
    int close_timeout__ms() default 5000;

    /** @return call timeout */
    @AttributeDefinition(name = "Call timeout (ms)", description = "How long a call into a plugin (open, write and"
            + " flush of one event, a tick; a pull gets pull.timeout_ms on top) may take. A call past it is abandoned:"
            + " its thread is left behind and reported, the instance is never called again", min = "10",
            max = "3600000")
    int call_timeout__ms() default 30000;

    /** @return quarantine threshold */
    @AttributeDefinition(name = "Quarantine after failures", description = "Failures within quarantine.window_ms"
            + " that quarantine an instance: it is not retried until weir:restart or a new version of its plugin."
            + " 0 never quarantines", min = "0", max = "1000000")
    int quarantine_failures() default 10;

    /** @return quarantine window */
    @AttributeDefinition(name = "Quarantine window (ms)", description = "The window quarantine.failures are"
            + " counted in", min = "1", max = "86400000")
    int quarantine_window__ms() default 60000;

    /** @return swap timeout */
    @AttributeDefinition(name = "Swap timeout (ms)", description = "How long a node whose plugin bundle is being"
            + " replaced waits (held, sources paused) for the new version before it shows as waiting",
            min = "1", max = "3600000")
    int swap_timeout__ms() default 30000;
}
