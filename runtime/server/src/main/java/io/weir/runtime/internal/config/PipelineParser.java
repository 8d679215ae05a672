package io.weir.runtime.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what the runtime needs from a pipeline configuration before compiling it: the runner's
 * options and the operator types the nodes need (so a pipeline whose operator bundle is not
 * deployed yet waits instead of failing). The graph itself is checked by the pipeline compiler.
 */
public final class PipelineParser {
    /** Events that may wait in front of the pipeline. */
    public static final String QUEUE_CAPACITY = "queue.capacity";
    /** Events per batch handed downstream. */
    public static final String BATCH_SIZE = "batch.size";
    /** Tick interval of time-based operators. */
    public static final String TICK_INTERVAL = "tick.interval_ms";
    /** The runner's own keys. */
    public static final Set<String> RUNNER_KEYS = Set.of(QUEUE_CAPACITY, BATCH_SIZE, TICK_INTERVAL);

    private PipelineParser() {
    }

    /**
     * @param name  the pipeline's name
     * @param props its configuration
     * @return the pipeline
     * @throws ConfigException naming the key at fault
     */
    public static PipelineSpec parse(String name, Map<String, ?> props) {
        String badName = ConfigValues.badName("pipeline", name);
        if (badName != null) {
            throw new ConfigException("name", badName);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, String> types = new TreeMap<>();
        for (Map.Entry<String, ?> entry : props.entrySet()) {
            String key = entry.getKey();
            if (ConfigValues.isFrameworkKey(key)) {
                continue;
            }
            config.put(key, entry.getValue());
            if (key.startsWith("node.") && key.endsWith(".type") && key.length() > "node..type".length()) {
                String node = key.substring("node.".length(), key.length() - ".type".length());
                if (node.indexOf('.') < 0) {
                    String type = ConfigValues.text(props, key);
                    if (type == null) {
                        throw new ConfigException(key, "empty; name the operator type, for example filter");
                    }
                    types.put(node, type);
                }
            }
        }
        return new PipelineSpec(name, ConfigValues.origin(props), config, types,
                (int) ConfigValues.number(props, QUEUE_CAPACITY, 1024, 1, 10_000_000),
                (int) ConfigValues.number(props, BATCH_SIZE, 64, 1, 1_000_000),
                ConfigValues.number(props, TICK_INTERVAL, 10, 1, 1_000));
    }
}
