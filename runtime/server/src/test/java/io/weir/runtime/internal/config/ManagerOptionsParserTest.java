package io.weir.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import io.weir.runtime.internal.manager.ManagerOptions;
import io.weir.runtime.internal.manager.ManagerOptions.ProcessorOption;

import org.junit.Test;

public class ManagerOptionsParserTest {

    private static String error(ConnectorKind kind, Map<String, Object> props) {
        return error(kind, props, Map.of());
    }

    private static String error(ConnectorKind kind, Map<String, Object> props, Map<String, Object> defaults) {
        try {
            ManagerOptionsParser.parse(props, kind, defaults);
            fail("accepted " + props + " with defaults " + defaults);
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    @Test
    public void defaultsWhenNothingIsSet() {
        ManagerOptions options = ManagerOptionsParser.parse(Map.of("interval_ms", "10"), ConnectorKind.SOURCE,
                Map.of());
        assertEquals(ManagerOptions.DEFAULTS, options);
        assertNull(options.codec());
    }

    @Test
    public void readsTheFaultAndSwapLimitsFromTheConnectorThenTheServerDefaults() {
        ManagerOptions options = ManagerOptionsParser.parse(Map.of("call.timeout_ms", "500",
                "quarantine.failures", "0"), ConnectorKind.SINK, Map.of("quarantine.window_ms", "5000",
                "swap.timeout_ms", "2000", "call.timeout_ms", "9000"));
        assertEquals(500, options.callTimeoutMillis());
        assertEquals("0 never quarantines", 0, options.quarantineFailures());
        assertEquals(5_000, options.quarantineWindowMillis());
        assertEquals(2_000, options.swapTimeoutMillis());
        assertEquals(new io.weir.runtime.internal.manager.FaultLimits(500, 0, 5_000), options.faultLimits());
        assertEquals(30_000, ManagerOptions.DEFAULTS.callTimeoutMillis());
        assertEquals(10, ManagerOptions.DEFAULTS.quarantineFailures());
        assertEquals(60_000, ManagerOptions.DEFAULTS.quarantineWindowMillis());
        assertEquals(30_000, ManagerOptions.DEFAULTS.swapTimeoutMillis());
        assertEquals("call.timeout_ms: expected a whole number from 10 to 3600000, got 5",
                error(ConnectorKind.SOURCE, Map.of("call.timeout_ms", "5")));
    }

    @Test
    public void readsCodecProcessorsAndNumbers() {
        ManagerOptions options = ManagerOptionsParser.parse(Map.of("codec", "json", "codec.mode", "sorted",
                "preprocessors", "separate, base64", "preprocessor.separate.max_length", "65536",
                "batch.size", "128", "batch.timeout_ms", 0L, "retry.backoff_ms", "50",
                "retry.max_backoff_ms", "1_000"), ConnectorKind.SOURCE, Map.of());
        assertEquals("json", options.codec());
        assertEquals(Map.of("mode", "sorted"), options.codecOptions());
        assertEquals(List.of(new ProcessorOption("separate", Map.of("max_length", "65536")),
                new ProcessorOption("base64", Map.of())), options.processors());
        assertEquals(128, options.batchSize());
        assertEquals(0, options.batchTimeoutMillis());
        assertEquals(50, options.backoffMillis());
        assertEquals(1_000, options.maxBackoffMillis());
    }

    @Test
    public void serverDefaultsComeBeforeBuiltInOnes() {
        ManagerOptions options = ManagerOptionsParser.parse(Map.of("queue.capacity", "10"), ConnectorKind.SINK,
                Map.of("queue.capacity", "20", "delivery.timeout_ms", "5000"));
        assertEquals(10, options.queueCapacity());
        assertEquals(5000, options.deliveryTimeoutMillis());
    }

    @Test
    public void namesTheKeyAtFault() {
        assertEquals("batch.size: expected a whole number from 1 to 1000000, got \"big\"",
                error(ConnectorKind.SOURCE, Map.of("batch.size", "big")));
        assertEquals("queue.capacity: expected a whole number from 1 to 10000000, got 0",
                error(ConnectorKind.SINK, Map.of("queue.capacity", "0")));
        assertEquals("postprocessors: a source has no postprocessors; did you mean preprocessors?",
                error(ConnectorKind.SOURCE, Map.of("postprocessors", "separate")));
        assertEquals("preprocessors: a sink has no preprocessors; did you mean postprocessors?",
                error(ConnectorKind.SINK, Map.of("preprocessors", "separate")));
        assertEquals("preprocessor.sepparate.max_length: 'sepparate' is not in preprocessors (separate)",
                error(ConnectorKind.SOURCE, Map.of("preprocessors", "separate",
                        "preprocessor.sepparate.max_length", "10")));
        assertEquals("preprocessor.separate: expected preprocessor.<name>.<option>",
                error(ConnectorKind.SOURCE, Map.of("preprocessors", "separate", "preprocessor.separate", "10")));
        assertEquals("codec.mode: a codec option, but no codec is set; add codec = <name>",
                error(ConnectorKind.SINK, Map.of("codec.mode", "x")));
        assertEquals("postprocessors: postprocessors work on encoded bytes; set a codec too (for example codec = json)",
                error(ConnectorKind.SINK, Map.of("postprocessors", "separate")));
        assertEquals("retry.max_backoff_ms: expected a whole number from 500 to 86400000, got 100",
                error(ConnectorKind.SINK, Map.of("retry.backoff_ms", "500", "retry.max_backoff_ms", "100")));
        assertEquals("preprocessors: 'a b' is not a preprocessor name (letters, digits, _ and -)",
                error(ConnectorKind.SOURCE, Map.of("preprocessors", "a b")));
    }

    @Test
    public void aServerWideMaxBackoffUnderAConnectorsOwnBackoffIsRaisedToIt() {
        // weir.manager.cfg sets the maximum, the connector a longer backoff of its own: its own value wins.
        assertEquals(5000, ManagerOptionsParser.parse(Map.of("retry.backoff_ms", "5000"), ConnectorKind.SINK,
                Map.of("retry.max_backoff_ms", "1000")).maxBackoffMillis());
        assertEquals(60_000, ManagerOptionsParser.parse(Map.of("retry.backoff_ms", "5000"), ConnectorKind.SINK,
                Map.of("retry.max_backoff_ms", "60000")).maxBackoffMillis());
        assertEquals(30_000, ManagerOptionsParser.parse(Map.of(), ConnectorKind.SINK, Map.of()).maxBackoffMillis());
        // A blank value is no value: the server-wide maximum applies.
        assertEquals(60_000, ManagerOptionsParser.parse(Map.of("retry.max_backoff_ms", " "), ConnectorKind.SINK,
                Map.of("retry.max_backoff_ms", "60000")).maxBackoffMillis());
        // weir.manager.cfg is still checked against its own backoff.
        assertEquals("retry.max_backoff_ms: expected a whole number from 5000 to 86400000, got 1000",
                error(ConnectorKind.SINK, Map.of(), Map.of("retry.backoff_ms", "5000", "retry.max_backoff_ms", "1000")));
    }

    @Test
    public void queueCapacityBytesHasADefaultAndLimits() {
        assertEquals(262_144, ManagerOptionsParser.parse(Map.of(), ConnectorKind.SINK, Map.of()).queueBytes());
        assertEquals(4096, ManagerOptionsParser.parse(Map.of("queue.capacity_bytes", "4096"), ConnectorKind.SINK,
                Map.of("queue.capacity_bytes", "8192")).queueBytes());
        assertEquals(8192, ManagerOptionsParser.parse(Map.of(), ConnectorKind.SINK,
                Map.of("queue.capacity_bytes", "8192")).queueBytes());
        assertEquals("queue.capacity_bytes: expected a whole number from 1024 to 1099511627776, got 10",
                error(ConnectorKind.SINK, Map.of("queue.capacity_bytes", "10")));
    }
}
