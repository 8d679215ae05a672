package io.weir.runtime.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.weir.runtime.internal.manager.ManagerOptions;
import io.weir.runtime.internal.manager.ManagerOptions.ProcessorOption;

/**
 * Reads the manager options that sit beside a connector's own options in its configuration file.
 * Numeric options not set on the connector come from the server-wide defaults
 * ({@code etc/weir.manager.cfg}), then from the built-in defaults.
 */
public final class ManagerOptionsParser {
    /** The codec name. */
    public static final String CODEC = "codec";
    /** Keys starting with this are codec options. */
    public static final String CODEC_PREFIX = "codec.";
    /** Events per batch. */
    public static final String BATCH_SIZE = "batch.size";
    /** How long a source's batch may wait to fill. */
    public static final String BATCH_TIMEOUT = "batch.timeout_ms";
    /** Longest blocking pull. */
    public static final String PULL_TIMEOUT = "pull.timeout_ms";
    /** Events waiting in front of a sink. */
    public static final String QUEUE_CAPACITY = "queue.capacity";
    /** Estimated bytes waiting in front of a sink or pipeline. */
    public static final String QUEUE_BYTES = "queue.capacity_bytes";
    /** Deferred delivery deadline. */
    public static final String DELIVERY_TIMEOUT = "delivery.timeout_ms";
    /** First reopen delay. */
    public static final String BACKOFF = "retry.backoff_ms";
    /** Longest reopen delay. */
    public static final String MAX_BACKOFF = "retry.max_backoff_ms";
    /** How long closing may take. */
    public static final String CLOSE_TIMEOUT = "close.timeout_ms";
    /** How long any other plugin call may take before its thread is abandoned. */
    public static final String CALL_TIMEOUT = "call.timeout_ms";
    /** Failures within the window that quarantine an instance. */
    public static final String QUARANTINE_FAILURES = "quarantine.failures";
    /** The window those failures are counted in. */
    public static final String QUARANTINE_WINDOW = "quarantine.window_ms";
    /** How long a node waits for the new version of its plugin in a hot swap. */
    public static final String SWAP_TIMEOUT = "swap.timeout_ms";

    /** Every numeric option, with its limits; the server-wide defaults may set each of them. */
    public static final Set<String> NUMERIC = Set.of(BATCH_SIZE, BATCH_TIMEOUT, PULL_TIMEOUT, QUEUE_CAPACITY,
            QUEUE_BYTES, DELIVERY_TIMEOUT, BACKOFF, MAX_BACKOFF, CLOSE_TIMEOUT, CALL_TIMEOUT, QUARANTINE_FAILURES,
            QUARANTINE_WINDOW, SWAP_TIMEOUT);

    private ManagerOptionsParser() {
    }

    /**
     * @param props    the connector's configuration (its service properties)
     * @param kind     source or sink
     * @param defaults the server-wide defaults; may be empty
     * @return the options
     * @throws ConfigException naming the key at fault
     */
    public static ManagerOptions parse(Map<String, ?> props, ConnectorKind kind, Map<String, ?> defaults) {
        ManagerOptions builtIn = ManagerOptions.DEFAULTS;
        ConnectorKind other = kind == ConnectorKind.SOURCE ? ConnectorKind.SINK : ConnectorKind.SOURCE;
        if (props.containsKey(other.processor() + "s")) {
            throw new ConfigException(other.processor() + "s", "a " + kind.word() + " has no " + other.processor()
                    + "s; did you mean " + kind.processor() + "s?");
        }
        String codec = ConfigValues.text(props, CODEC);
        Map<String, Object> codecOptions = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : props.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(CODEC_PREFIX) && key.length() > CODEC_PREFIX.length()) {
                if (codec == null) {
                    throw new ConfigException(key, "a codec option, but no codec is set; add codec = <name>");
                }
                codecOptions.put(key.substring(CODEC_PREFIX.length()), entry.getValue());
            }
        }
        List<ProcessorOption> processors = processors(props, kind);
        if (kind == ConnectorKind.SINK && codec == null && !processors.isEmpty()) {
            throw new ConfigException("postprocessors", "postprocessors work on encoded bytes; set a codec too"
                    + " (for example codec = json)");
        }
        long backoff = number(props, defaults, BACKOFF, builtIn.backoffMillis(), 1, 3_600_000);
        // The server-wide maximum is checked against the server-wide backoff; under this connector's own, longer
        // backoff it is raised to it, as the connector's value wins (checked against the connector's backoff, a valid
        // weir.manager.cfg took the connector down, the message blaming the connector's file). The connector's own
        // maximum must not be under its backoff.
        long serverBackoff = ConfigValues.number(defaults, BACKOFF, builtIn.backoffMillis(), 1, 3_600_000);
        long serverMax = ConfigValues.number(defaults, MAX_BACKOFF,
                Math.max(serverBackoff, builtIn.maxBackoffMillis()), serverBackoff, 86_400_000);
        long maxBackoff = ConfigValues.number(props, MAX_BACKOFF, Math.max(backoff, serverMax), backoff, 86_400_000);
        return new ManagerOptions(codec, codecOptions, processors,
                (int) number(props, defaults, BATCH_SIZE, builtIn.batchSize(), 1, 1_000_000),
                number(props, defaults, BATCH_TIMEOUT, builtIn.batchTimeoutMillis(), 0, 60_000),
                number(props, defaults, PULL_TIMEOUT, builtIn.pullTimeoutMillis(), 1, 60_000),
                (int) number(props, defaults, QUEUE_CAPACITY, builtIn.queueCapacity(), 1, 10_000_000),
                number(props, defaults, DELIVERY_TIMEOUT, builtIn.deliveryTimeoutMillis(), 1, 86_400_000),
                backoff,
                maxBackoff,
                number(props, defaults, CLOSE_TIMEOUT, builtIn.closeTimeoutMillis(), 1, 600_000),
                number(props, defaults, CALL_TIMEOUT, builtIn.callTimeoutMillis(), 10, 3_600_000),
                (int) number(props, defaults, QUARANTINE_FAILURES, builtIn.quarantineFailures(), 0, 1_000_000),
                number(props, defaults, QUARANTINE_WINDOW, builtIn.quarantineWindowMillis(), 1, 86_400_000),
                number(props, defaults, SWAP_TIMEOUT, builtIn.swapTimeoutMillis(), 1, 3_600_000),
                number(props, defaults, QUEUE_BYTES, builtIn.queueBytes(), 1024, 1L << 40));
    }

    private static long number(Map<String, ?> props, Map<String, ?> defaults, String key, long builtIn, long min,
            long max) {
        long fallback = ConfigValues.number(defaults, key, builtIn, min, max);
        return ConfigValues.number(props, key, fallback, min, max);
    }

    private static List<ProcessorOption> processors(Map<String, ?> props, ConnectorKind kind) {
        String listKey = kind.processor() + "s";
        String prefix = kind.processor() + ".";
        List<String> names = ConfigValues.list(props, listKey);
        Set<String> known = new LinkedHashSet<>(names);
        Map<String, Map<String, Object>> options = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_-]*")) {
                throw new ConfigException(listKey, "'" + name + "' is not a " + kind.processor()
                        + " name (letters, digits, _ and -)");
            }
            options.put(name, new LinkedHashMap<>());
        }
        for (Map.Entry<String, ?> entry : props.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new ConfigException(key, "expected " + prefix + "<name>.<option>");
            }
            String name = rest.substring(0, dot);
            if (!known.contains(name)) {
                throw new ConfigException(key, "'" + name + "' is not in " + listKey
                        + (names.isEmpty() ? " (none are set)" : " (" + String.join(", ", names) + ")"));
            }
            options.get(name).put(rest.substring(dot + 1), entry.getValue());
        }
        List<ProcessorOption> chain = new ArrayList<>();
        for (String name : names) {
            chain.add(new ProcessorOption(name, options.get(name)));
        }
        return chain;
    }
}
